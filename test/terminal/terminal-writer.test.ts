import { describe, expect, it } from 'vitest';
import { createTerminalWriter } from '../../src/terminal/terminal-writer.js';
import { createProgress, progressLine } from '../../src/terminal/progress.js';
import { Screen, screenOf } from '../helpers/screen.js';
import { CollectingStream, SharedTerminal } from '../helpers/streams.js';

const update = (sentSec: number) => ({ sentSec, realtimeFactor: 10, session: 1, resumes: 0, utterances: 3 });
// A write through the writer's stdout completes when the terminal's stdout took it.
const put = (stream: NodeJS.WritableStream, text: string) =>
  new Promise<void>((resolve) => stream.write(text, () => resolve()));

describe('one terminal for the transcript and the bar', () => {
  it('writes each transcript line whole above the bar, and the summary after it', async () => {
    const term = new SharedTerminal(80);
    const writer = createTerminalWriter({ stderr: term.stderr.asWriteStream(), stdout: term.stdout, live: true });
    const progress = createProgress({ writer, mode: 'bar' });
    progress.start('fixtures/tonecode-demo.wav', 27);
    progress.update(update(3));
    await put(writer.stdout, 'Alpha alpha alpha hotel lotus.\n');
    progress.update(update(5));
    progress.partial('alpha alpha bravo');
    await put(writer.stdout, 'Alpha alpha bravo yankee dawn sierra.\n');
    progress.log('warning: something the user should know');
    progress.update(update(27));
    progress.stop();
    term.stderr.write('done: 2 utterances from 0:27 of audio in 0:03 (×9.0)\n');
    expect(screenOf(term.text, 80)).toEqual([
      'Alpha alpha alpha hotel lotus.',
      'Alpha alpha bravo yankee dawn sierra.',
      'warning: something the user should know',
      'fixtures/tonecode-demo.wav ████████████████████████ 100% | 0:27/0:27 | ×10.0',
      'done: 2 utterances from 0:27 of audio in 0:03 (×9.0)',
    ]);
  });

  it('a piece of a line (no newline yet) is not drawn over by the bar', async () => {
    const term = new SharedTerminal(60);
    const writer = createTerminalWriter({ stderr: term.stderr.asWriteStream(), stdout: term.stdout, live: true });
    writer.show(() => ['bar']);
    await put(writer.stdout, '{"start":');
    await put(writer.stdout, '1}\n');
    writer.stop();
    expect(screenOf(term.text, 60)).toEqual(['{"start":', '1}', 'bar']);
  });

  it('redraws at the new width after a resize, and the old bar leaves no fragment', async () => {
    const term = new SharedTerminal(120);
    const writer = createTerminalWriter({ stderr: term.stderr.asWriteStream(), stdout: term.stdout, live: true });
    const progress = createProgress({ writer, mode: 'bar' });
    await put(writer.stdout, 'first line\n');
    progress.start('talk.wav', 60);
    progress.update(update(30));
    const screen = new Screen({ columns: 120 }).write(term.text);
    expect(screen.lines).toEqual([
      'first line',
      'talk.wav ████████████░░░░░░░░░░░░ 50% | 0:30/1:00 | ×10.0 | ETA 0:03 | session 1, 0 resumes',
    ]);
    const before = term.text.length;
    // The window narrows: the terminal rewraps the long bar over two rows, the writer redraws it.
    screen.resize(50);
    term.resize(50);
    await put(writer.stdout, 'second line\n');
    progress.stop();
    expect(screen.write(term.text.slice(before)).lines).toEqual([
      'first line',
      'second line',
      'talk.wav ██████████░░░░░░░░░░ 50% | 0:30/1:00',
    ]);
  });

  it('leaves stdout untouched when it is not the terminal (a pipe or a file)', async () => {
    const stderr = new CollectingStream({ isTTY: true, columns: 80 });
    const stdout = new CollectingStream({ isTTY: false });
    const writer = createTerminalWriter({ stderr: stderr.asWriteStream(), stdout, live: true });
    writer.show(() => ['bar']);
    await put(writer.stdout, 'a line\n');
    writer.stop();
    expect(stdout.text).toBe('a line\n');
    expect(screenOf(stderr.text, 80)).toEqual(['bar']);
  });

  it('draws nothing but log lines when stderr is not a terminal', () => {
    const stderr = new CollectingStream({ isTTY: false });
    const writer = createTerminalWriter({ stderr: stderr.asWriteStream(), live: true });
    writer.show(() => ['bar']);
    writer.log('a log line');
    writer.stop();
    expect(stderr.text).toBe('a log line\n');
  });
});

describe('progressLine fits any width', () => {
  const state = { sentSec: 12, realtimeFactor: 10, session: 2, resumes: 1, utterances: 5 };
  const label = 'recordings/2024-05-01 standup.wav';
  const bar = (done: number, size: number) => '█'.repeat(done) + '░'.repeat(size - done);
  it.each([
    [160, `${label} ${bar(9, 24)} 40% | 0:12/0:30 | ×10.0 | ETA 0:01 | session 2, 1 resume`],
    [100, `${label} ${bar(9, 24)} 40% | 0:12/0:30 | ×10.0 | ETA 0:01`],
    [80, `${label} ${bar(9, 24)} 40% | 0:12/0:30`],
    [60, `…ings/2024-05-01 standup.wav ${bar(4, 12)} 40% | 0:12/0:30`],
    [40, `…05-01 standup.wav 40% | 0:12/0:30`],
    [20, `…dup.wav 40%`],
  ])(
    'at %i columns: the fields, then bar cells, then the bar give way; the label is cut at its start',
    (columns, expected) => {
      const line = progressLine(label, 30, state, '', columns);
      expect(line).toBe(expected);
      expect([...line].length).toBeLessThan(columns);
    },
  );

  it('counts a wide character as two columns', () => {
    const line = progressLine('会議の録音.wav', 30, state, '', 42);
    expect(line).toBe(`会議の録音.wav ${bar(3, 8)} 40% | 0:12/0:30`);
  });

  it('shows the newest words of the utterance in progress, without control characters', () => {
    const line = progressLine('a.wav', 30, state, 'and then we\x07 went to the\x1b[2J harbor', 140);
    expect(line).toBe(
      `a.wav ${bar(9, 24)} 40% | 0:12/0:30 | ×10.0 | ETA 0:01 | session 2, 1 resume › and then we went to the[2J harbor`,
    );
  });
});
