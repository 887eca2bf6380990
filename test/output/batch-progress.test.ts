import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatchProgress, fitLabel, formatBatchStatus } from '../../src/output/batch-progress.js';
import { stripAnsi } from './helpers/segments.js';
import { CollectingStream } from './helpers/streams.js';

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

  it('draws a bar per running file and a total that reaches every file', () => {
    // MultiBar draws on a timer; fake timers make each frame happen when the test says so.
    vi.useFakeTimers();
    const stream = new CollectingStream({ isTTY: true, columns: 140 });
    const batch = createBatchProgress({ stream: stream.asWriteStream(), enabled: true, totalFiles: 2 });
    const a = batch.startFile('a.wav', 10);
    const b = batch.startFile('b.wav');
    a.update(update(10));
    b.update(update(4));
    vi.advanceTimersByTime(250);
    batch.log('a.wav: 3 utterances');
    vi.advanceTimersByTime(250);
    a.done(true);
    b.done(false);
    batch.stop();
    const text = stripAnsi(stream.text);
    expect(text).toContain('a.wav: 3 utterances\n');
    expect(text).toMatch(/a\.wav +█+ 100% \| 0:10\/0:10/);
    expect(text).toMatch(/b\.wav +\| 0:04 elapsed \| 1 utterance \| session 1, 0 resumes/);
    expect(text).toMatch(/total +█{12}░{12} 50% \| 1\/2 files\n/);
    expect(text).toMatch(/total +█{24} 100% \| 2\/2 files \| 1 failed/);
    expect(text).not.toMatch(/total +░+ 50%/);
  });

  it('formats labels and the total', () => {
    expect(fitLabel('a.wav', 8)).toBe('a.wav   ');
    expect(fitLabel('recordings/standup.wav', 12)).toBe('…standup.wav');
    expect(formatBatchStatus(3, 0, 10)).toBe('3/10 files');
    expect(formatBatchStatus(3, 1, 10)).toBe('3/10 files | 1 failed');
  });
});
