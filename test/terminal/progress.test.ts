import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/terminal/progress.js';
import { stripAnsi } from '../helpers/segments.js';
import { CollectingStream } from '../helpers/streams.js';
import { screenOf } from '../helpers/screen.js';

const update = (sentSec: number) => ({ sentSec, realtimeFactor: 20, session: 1, resumes: 0, utterances: 3 });

afterEach(() => {
  vi.useRealTimers();
});

describe('createProgress, disabled', () => {
  it.each([
    ['disabled on a TTY', true, false],
    ['enabled on a pipe', false, true],
  ])('%s: prints nothing but log lines', (_name, isTTY, enabled) => {
    const stream = new CollectingStream({ isTTY, columns: 100 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled, mode: 'bar' });
    progress.start('talk.wav', 30);
    progress.update(update(15));
    progress.partial('some words');
    progress.log('warning: session 1 dropped (1006), resuming');
    progress.update(update(30));
    progress.stop();
    expect(stream.text).toBe('warning: session 1 dropped (1006), resuming\n');
  });
});

describe('createProgress, on a TTY', () => {
  it('draws a bar that reaches 100%', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 120 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'bar' });
    progress.start('talk.wav', 30);
    progress.update(update(10));
    progress.update(update(30));
    progress.stop();
    const text = stripAnsi(stream.text);
    expect(text).toContain('talk.wav ');
    expect(text).toContain('0% | 0:00/0:30');
    expect(text).toContain(`${'\u2588'.repeat(24)} 100% | 0:30/0:30 | ×20.0 | ETA 0:00 | session 1, 0 resumes`);
    expect(text.endsWith('\n')).toBe(true);
    expect(stream.text).toMatch(/\x1b\[/); // drawn in place with cursor moves
  });

  it('prints log lines above the bar and shows the partial utterance', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 120 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'bar' });
    progress.start('talk.wav', 60);
    progress.update(update(30));
    progress.partial('and then we');
    progress.log('session 1 rotated');
    progress.stop();
    const lines = stripAnsi(stream.text).split('\n');
    const logIndex = lines.findIndex((line) => line.endsWith('session 1 rotated'));
    expect(logIndex).toBeGreaterThanOrEqual(0);
    // the bar is drawn again right after the log line, with the partial text
    expect(lines[logIndex + 1]).toContain('50% | 0:30/1:00');
    expect(lines[logIndex + 1]).toContain('› and then we');
  });

  it('log lines stay above the bar, and stop() leaves the bar where it was with the cursor below', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 120 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'bar' });
    progress.start('talk.wav', 60);
    progress.log('session 1 ended: dropped (1006)');
    progress.log('session 2 opened (resume) at 8.6 s');
    progress.update(update(27));
    progress.stop();
    stream.write('done: summary\n');
    expect(screenOf(stream.text, 120)).toEqual([
      'session 1 ended: dropped (1006)',
      'session 2 opened (resume) at 8.6 s',
      `talk.wav ${'█'.repeat(10)}${'░'.repeat(14)} 45% | 0:27/1:00 | ×20.0 | ETA 0:01 | session 1, 0 resumes`,
      'done: summary',
    ]);
  });

  it('a file cut into spans: a line for the spans under the bar, log lines above both', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 80 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'bar' });
    progress.start('talk.wav', 120);
    const spans = [
      { startSec: 0, endSec: 60, sentSec: 30, state: 'sending' as const },
      { startSec: 60, endSec: 120, sentSec: 60, state: 'waiting' as const },
    ];
    progress.update({ ...update(30), spans });
    progress.log('Alpha bravo.');
    progress.update({
      ...update(60),
      spans: [
        { ...spans[0]!, sentSec: 60, state: 'done' },
        { ...spans[1]!, sentSec: 90, state: 'reconnecting' },
      ],
    });
    progress.log('Charlie delta.');
    progress.stop();
    stream.write('done: summary\n');
    expect(screenOf(stream.text, 80)).toEqual([
      'Alpha bravo.',
      'Charlie delta.',
      `talk.wav ${'█'.repeat(12)}${'░'.repeat(12)} 50% | 1:00/2:00 | ×20.0 | ETA 0:01`,
      `  2 spans ${'█'.repeat(22)}│${'█'.repeat(10)}${'▒'.repeat(11)} 1 done, 1 reconnecting`,
      'done: summary',
    ]);
  });

  it('shows elapsed time and utterances for a stream', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 120 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'stream' });
    progress.start('stdin', 30);
    progress.update({ sentSec: 75, realtimeFactor: 1, session: 2, resumes: 1, utterances: 9 });
    progress.stop();
    const text = stripAnsi(stream.text);
    expect(text).toContain('stdin | 1:15 elapsed | 9 utterances | session 2, 1 resume');
    expect(text).not.toContain('%');
  });

  it('keeps a line within the terminal width', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 60 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'bar' });
    progress.start('a-rather-long-file-name.wav', 30);
    progress.partial('x'.repeat(200));
    progress.stop();
    // each drawing of the line is one write; none may be wider than the terminal
    const drawn = stream.chunks.map(stripAnsi).filter((chunk) => chunk.includes('a-rather-long'));
    expect(drawn.length).toBeGreaterThan(0);
    for (const chunk of drawn) expect([...chunk].length).toBeLessThan(60);
  });

  it('logs plain lines before start and after stop', () => {
    const stream = new CollectingStream({ isTTY: true, columns: 80 });
    const progress = createProgress({ stream: stream.asWriteStream(), enabled: true, mode: 'bar' });
    progress.log('before');
    progress.start('x', 10);
    progress.stop();
    progress.log('after');
    progress.update(update(5)); // ignored once stopped
    const text = stripAnsi(stream.text);
    expect(text.startsWith('before\n')).toBe(true);
    expect(text.endsWith('after\n')).toBe(true);
  });
});
