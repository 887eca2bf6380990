import { describe, expect, it } from 'vitest';
import {
  fileStatusFields,
  fitWidth,
  percent,
  streamStatusFields,
  withPartial,
  type ProgressUpdate,
} from '../../src/terminal/status-line.js';

// The status lines as the progress display joins their fields.
const formatFileStatus = (totalSec: number, u: ProgressUpdate) => fileStatusFields(totalSec, u).join(' | ');
const formatStreamStatus = (u: ProgressUpdate) => streamStatusFields(u).join(' | ');

const u = { sentSec: 754, realtimeFactor: 20, session: 2, resumes: 1, utterances: 42 };

describe('status line', () => {
  it('shows percent, sent/total, speed, ETA, session and resumes for a file', () => {
    expect(formatFileStatus(1800, u)).toBe('41% | 12:34/30:00 | ×20.0 | ETA 0:52 | session 2, 1 resume');
    expect(formatFileStatus(30, { ...u, sentSec: 31, resumes: 0 })).toBe(
      '100% | 0:30/0:30 | ×20.0 | ETA 0:00 | session 2, 0 resumes',
    );
    expect(formatFileStatus(30, { ...u, realtimeFactor: 0 })).toContain('ETA --:--');
  });

  it('for spans at once: the ETA of the span with most left, the pace times the spans not done, the resumes', () => {
    const spans = [
      { startSec: 0, endSec: 600, sentSec: 600, state: 'done' as const },
      { startSec: 600, endSec: 1200, sentSec: 900, state: 'sending' as const },
      { startSec: 1200, endSec: 1800, sentSec: 1300, state: 'reconnecting' as const },
    ];
    expect(formatFileStatus(1800, { ...u, sentSec: 1000, spans })).toBe(
      '55% | 16:40/30:00 | ×40.0 | ETA 0:25 | 1 resume',
    );
    const done = spans.map((s) => ({ ...s, sentSec: s.endSec, state: 'done' as const }));
    expect(formatFileStatus(1800, { ...u, sentSec: 1800, resumes: 0, spans: done })).toBe(
      '100% | 30:00/30:00 | ×60.0 | ETA 0:00 | 0 resumes',
    );
  });

  it('shows elapsed time and utterances for a stream', () => {
    expect(formatStreamStatus(u)).toBe('12:34 elapsed | 42 utterances | session 2, 1 resume');
  });

  it('computes percent safely', () => {
    expect(percent(15, 30)).toBe(50);
    expect(percent(40, 30)).toBe(100);
    expect(percent(1, 0)).toBe(100);
  });

  it('appends the tail of the partial utterance within the width', () => {
    expect(withPartial('status', '', 80)).toBe('status');
    expect(withPartial('status', 'hello  there', 80)).toBe('status › hello there');
    const line = withPartial('status', 'one two three four five six seven', 24);
    expect(line).toBe('status › …five six seven');
    expect([...line].length).toBeLessThanOrEqual(24);
    expect(withPartial('a long status line', 'words', 20)).toBe('a long status line');
    expect(withPartial('a status longer than the width', 'words', 8)).toBe('a status');
  });

  it('drops whole fields from the end rather than cutting one in half', () => {
    const line = `talk.wav ${'#'.repeat(24)} ${formatFileStatus(1800, u)}`;
    expect(fitWidth(line, 80)).toBe(`talk.wav ${'#'.repeat(24)} 41% | 12:34/30:00 | ×20.0 | ETA 0:52`);
    expect(fitWidth(line, 55)).toBe(`talk.wav ${'#'.repeat(24)} 41% | 12:34/30:00`);
    expect(fitWidth(line, 20)).toBe(`talk.wav ${'#'.repeat(11)}`);
    expect(fitWidth('short | line', 80)).toBe('short | line');
  });
});
