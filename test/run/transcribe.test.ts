// transcribe() as a library user meets it: when it starts, what it keeps, how it fails and warns.
// Every run goes through the in-process emulator on a virtual clock.
import { describe, expect, it } from 'vitest';
import {
  isTranscribeError,
  transcribe,
  type Segment,
  type TranscribeEvent,
  type TranscribeOptions,
} from '../../src/index.js';
import { startInProcessEmulator, VirtualClock } from '../../src/emulator/index.js';
import { checkTranscript, synthesizeCorpusChunks } from '../../src/tonecode/index.js';
import { inProcessOptions } from '../helpers/in-process-run.js';

async function* corpus(count: number): AsyncIterable<Buffer> {
  for (const part of synthesizeCorpusChunks({ count }, 24_000))
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

async function withEmulator<T>(fn: (options: TranscribeOptions) => Promise<T>): Promise<T> {
  const clock = new VirtualClock();
  const emu = startInProcessEmulator({ clock, seed: 5 });
  try {
    return await fn(inProcessOptions(emu, clock));
  } finally {
    await emu.close();
    clock.dispose();
  }
}

describe('transcribe()', () => {
  it('awaiting only the summary runs to the end, keeping no event: a buffer of one would otherwise stop it', async () => {
    const summary = await withEmulator(
      (options) => transcribe({ pcm: corpus(30) }, { ...options, maxBufferedEvents: 1 }).summary,
    );
    expect(summary.utterances).toBe(30);
    expect(summary.acknowledgedSec).toBeGreaterThan(0);
  });

  it('a loop that lags holds the run back and still gets every segment, in order, once', async () => {
    const segments = await withEmulator(async (options) => {
      const got: Segment[] = [];
      for await (const event of transcribe({ pcm: corpus(30) }, { ...options, maxBufferedEvents: 2 })) {
        await new Promise((resolve) => setImmediate(resolve));
        if (event.type === 'segment') got.push(event.segment);
      }
      return got;
    });
    expect(
      checkTranscript(
        segments.map((s) => s.text),
        { first: 0, count: 30 },
      ).ok,
    ).toBe(true);
  });

  it('does not start before it is iterated or its summary is read', async () => {
    await withEmulator(async (options) => {
      let connections = 0;
      const connect: NonNullable<TranscribeOptions['connect']> = (request) => {
        connections++;
        return options.connect!(request);
      };
      const run = transcribe({ pcm: corpus(2) }, { ...options, connect });
      // Nothing was asked of it: a full turn of the event loop opens nothing.
      await new Promise((resolve) => setImmediate(resolve));
      expect(connections).toBe(0);
      await run.summary;
      expect(connections).toBe(1);
    });
  });

  it('`done` rejects with the error a failed run ends with; `summary` still resolves', async () => {
    await withEmulator(async (options) => {
      const run = transcribe({ pcm: corpus(2) }, { ...options, apiKey: 'not-the-key-1234' });
      const error = await run.done.catch((e: unknown) => e);
      expect(isTranscribeError(error) && error.code).toBe('AUTH_FAILED');
      expect((await run.summary).utterances).toBe(0);
    });
  });

  it('an event log that cannot be written is a warning, and the run goes on', async () => {
    const events = await withEmulator(async (options) => {
      const seen: TranscribeEvent[] = [];
      for await (const event of transcribe(
        { pcm: corpus(2) },
        { ...options, logEventsPath: '/no/such/dir/events.jsonl' },
      ))
        seen.push(event);
      return seen;
    });
    expect(events.filter((e) => e.type === 'warning')).toEqual([
      {
        type: 'warning',
        message:
          "the event log cannot be written (ENOENT: no such file or directory, open '/no/such/dir/events.jsonl'); the run goes on without it",
      },
    ]);
    expect(events.filter((e) => e.type === 'segment')).toHaveLength(2);
  });

  it('rejects a bad option at once, naming it and the value', () => {
    expect(() =>
      transcribe(
        { pcm: corpus(1) },
        { endpoint: 'http://127.0.0.1:1', apiKey: 'k-12345678', deployment: 'd', chunkMs: 5 },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        option: 'chunkMs',
        message: 'chunkMs must be a whole number between 10 and 100, got 5',
      }),
    );
  });
});
