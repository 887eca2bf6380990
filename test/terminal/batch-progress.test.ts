import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatchProgress, formatBatchStatus } from '../../src/terminal/batch-progress.js';
import { fitLabel } from '../../src/terminal/progress-line.js';
import { CollectingStream } from '../helpers/streams.js';
import { screenOf } from '../helpers/screen.js';

const update = (sentSec: number) => ({ sentSec, realtimeFactor: 10, session: 1, resumes: 0, utterances: 1 });

afterEach(() => {
  vi.useRealTimers();
});

describe('createBatchProgress', () => {
  it('prints nothing but log lines when disabled', () => {
    const stream = new CollectingStream({ isTTY: false });
    const batch = createBatchProgress({ stream: stream.asWriteStream(), enabled: true, totalFiles: 2 });
    const file = batch.startFile('a.wav', 10);
    file.update(update(5));
    batch.log('a.wav: done');
    file.done(true);
    batch.stop();
    expect(stream.text).toBe('a.wav: done\n');
  });

  it("a file cut into spans has its bar in one segment per span, in the row's own cells", () => {
    const stream = new CollectingStream({ isTTY: true, columns: 120 });
    const batch = createBatchProgress({ stream: stream.asWriteStream(), enabled: true, totalFiles: 1 });
    const file = batch.startFile('long.wav', 300);
    file.update({
      ...update(150),
      spans: [
        { startSec: 0, endSec: 100, sentSec: 100, state: 'done' },
        { startSec: 100, endSec: 200, sentSec: 150, state: 'reconnecting' },
        { startSec: 200, endSec: 300, sentSec: 200, state: 'waiting' },
      ],
    });
    expect(screenOf(stream.text, 120).slice(-2)).toEqual([
      'long.wav                     ████████│███▒▒▒▒│░░░░░░░ 50% | 2:30/5:00 | ×20.0 | ETA 0:10 | 0 resumes',
      `total                        ${'░'.repeat(24)} 0% | 0/1 files`,
    ]);
    batch.stop();
  });

  it('draws a line per running file and a total; log lines go above them', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 140 });
    const batch = createBatchProgress({ stream: stream.asWriteStream(), enabled: true, totalFiles: 2 });
    const a = batch.startFile('a.wav', 10);
    const b = batch.startFile('b.wav');
    a.update(update(10));
    b.update(update(4));
    const running = screenOf(stream.text, 140);
    expect(running.slice(-3)).toEqual([
      `a.wav                        ${'█'.repeat(24)} 100% | 0:10/0:10 | ×10.0 | ETA 0:00 | session 1, 0 resumes`,
      'b.wav                        | 0:04 elapsed | 1 utterance | session 1, 0 resumes',
      `total                        ${'░'.repeat(24)} 0% | 0/2 files`,
    ]);
    batch.log('[1/2] ok a.wav (0:10 of audio, 3 utterances)');
    a.done(true);
    b.done(false);
    batch.stop();
    expect(screenOf(stream.text, 140)).toEqual([
      '[1/2] ok a.wav (0:10 of audio, 3 utterances)',
      `total                        ${'█'.repeat(24)} 100% | 2/2 files | 1 failed`,
    ]);
  });

  it('after Ctrl-C the total counts interrupted files apart, not as finished', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 100 });
    const batch = createBatchProgress({ stream: stream.asWriteStream(), enabled: true, totalFiles: 4 });
    const a = batch.startFile('a.wav', 10);
    const b = batch.startFile('b.wav', 10);
    a.done('ok');
    b.update(update(4));
    b.done('interrupted');
    batch.stop();
    expect(screenOf(stream.text, 100)).toEqual([
      `total                        ${'█'.repeat(6)}${'░'.repeat(18)} 25% | 1/4 files | 1 interrupted`,
    ]);
  });

  it('formats labels and the total', () => {
    expect(fitLabel('a.wav', 8)).toBe('a.wav   ');
    expect(fitLabel('recordings/standup.wav', 12)).toBe('…standup.wav');
    expect(formatBatchStatus(3, 0, 10)).toBe('3/10 files');
    expect(formatBatchStatus(3, 1, 10)).toBe('3/10 files | 1 failed');
    expect(formatBatchStatus(3, 1, 10, 2)).toBe('3/10 files | 1 failed | 2 interrupted');
    expect(fitLabel('録音/会議.wav', 10)).toBe('…/会議.wav');
  });
});
