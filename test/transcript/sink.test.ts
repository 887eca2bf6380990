import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { createTranscriptSink } from '../../src/transcript/sink.js';
import { OUTPUT_FORMATS } from '../../src/transcript/formats.js';
import { metadata } from '../helpers/metadata.js';
import { longUtterance, seg } from '../helpers/segments.js';
import { CollectingStream, errnoError } from '../helpers/streams.js';
import { parseSrtStrict } from '../helpers/strict-srt.js';
import { parseVttStrict } from '../helpers/strict-vtt.js';
import { formatTranscript } from '../helpers/transcripts.js';

const segments = [seg(0, 2, 'Hello there.'), seg(2, 20, longUtterance(250), 2), seg(20, 21, 'R&D <b> --> ok')];

describe('sink to stdout', () => {
  it('writes a txt line as each utterance arrives', async () => {
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ formats: ['txt'], stdout });
    sink.add(segments[0]!);
    expect(stdout.text).toBe('Hello there.\n');
    sink.add(segments[2]!);
    expect(stdout.text).toBe('Hello there.\nR&D <b> --> ok\n');
    expect(await sink.finish(metadata)).toEqual([]);
    expect(stdout.text).toBe('Hello there.\nR&D <b> --> ok\n');
  });

  it('drained waits for every line added so far to be taken by a stream that is slow to take them', async () => {
    const taken: string[] = [];
    const slow = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          taken.push(String(chunk));
          callback();
        }, 5);
      },
    });
    const sink = createTranscriptSink({ formats: ['txt'], stdout: slow });
    for (const segment of segments) sink.add(segment);
    expect(taken).toHaveLength(0);
    await sink.drained();
    expect(taken).toHaveLength(3);
  });

  it('writes a jsonl line as each utterance arrives', () => {
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ formats: ['jsonl'], stdout });
    sink.add(seg(1, 2.5, 'hi', 1, 'item_1'));
    expect(stdout.text).toBe('{"start":1,"end":2.5,"text":"hi","session":1,"itemId":"item_1"}\n');
  });

  it('streams SRT cue by cue with continuous numbers, equal to the whole file', async () => {
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ formats: ['srt'], stdout });
    sink.add(segments[0]!);
    expect(stdout.text).toBe('1\n00:00:00,000 --> 00:00:02,000\nHello there.\n\n');
    sink.add(segments[1]!);
    sink.add(segments[2]!);
    await sink.finish(metadata);
    expect(stdout.text).toBe(formatTranscript('srt', segments, metadata));
    expect(parseSrtStrict(stdout.text).map((c) => c.index)).toEqual(
      Array.from({ length: parseSrtStrict(stdout.text).length }, (_, i) => i + 1),
    );
  });

  it('streams VTT with the header first, and writes the header alone when nothing arrived', async () => {
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ formats: ['vtt'], stdout });
    expect(stdout.text).toBe('');
    sink.add(segments[0]!);
    expect(stdout.text).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello there.\n\n');
    await sink.finish(metadata);

    const empty = new CollectingStream();
    await createTranscriptSink({ formats: ['vtt'], stdout: empty }).finish(metadata);
    expect(empty.text).toBe('WEBVTT\n\n');
    expect(parseVttStrict(empty.text)).toEqual([]);
  });

  it('writes JSON whole at finish', async () => {
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ formats: ['json'], stdout });
    for (const s of segments) sink.add(s);
    expect(stdout.text).toBe('');
    await sink.finish(metadata);
    expect(stdout.text).toBe(formatTranscript('json', segments, metadata));
  });

  it('finishes once and ignores utterances that arrive after', async () => {
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ formats: ['txt'], stdout });
    sink.add(segments[0]!);
    const first = sink.finish(metadata);
    sink.add(segments[2]!);
    expect(sink.finish({ ...metadata, complete: false })).toBe(first);
    await first;
    expect(stdout.text).toBe('Hello there.\n');
  });

  it('refuses several formats with no -o', () => {
    let error: unknown;
    try {
      createTranscriptSink({ formats: ['srt', 'vtt'], stdout: new CollectingStream() });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TranscribeError);
    expect(error).toMatchObject({ code: 'USAGE', message: 'several formats need -o (srt,vtt): stdout takes one' });
    expect((error as TranscribeError).hint).toBe('add -o FILE to write FILE.srt, FILE.vtt');
    expect(() => createTranscriptSink({ formats: [], stdout: new CollectingStream() })).toThrow(
      'no output format given',
    );
  });

  it('reports a write error on stdout at finish instead of crashing', async () => {
    const stdout = new CollectingStream({ fail: errnoError('EPIPE', 'broken pipe, write') });
    const sink = createTranscriptSink({ formats: ['txt'], stdout });
    sink.add(segments[0]!);
    sink.add(segments[2]!);
    await expect(sink.finish(metadata)).rejects.toMatchObject({
      code: 'OUTPUT_FAILED',
      message: 'cannot write output (stdout): EPIPE broken pipe',
    });
    expect(stdout.listenerCount('error')).toBe(0);
  });
});

describe('sink to files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rt-sink-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one format to the path as given, only at finish', async () => {
    const path = join(dir, 'talk.srt');
    const stdout = new CollectingStream();
    const sink = createTranscriptSink({ outputPath: path, formats: ['srt'], stdout });
    for (const s of segments) sink.add(s);
    expect(await readdir(dir)).toEqual([]);
    expect(await sink.finish(metadata)).toEqual([path]);
    expect(await readFile(path, 'utf8')).toBe(formatTranscript('srt', segments, metadata));
    expect(stdout.text).toBe('');
    expect(await readdir(dir)).toEqual(['talk.srt']);
  });

  it('adds the extension when the path lacks it', async () => {
    const sink = createTranscriptSink({ outputPath: join(dir, 'talk'), formats: ['vtt'] });
    sink.add(segments[0]!);
    expect(await sink.finish(metadata)).toEqual([join(dir, 'talk.vtt')]);
    expect(parseVttStrict(await readFile(join(dir, 'talk.vtt'), 'utf8'))).toHaveLength(1);
  });

  it('writes every format as BASE.EXT, with no temporary file left', async () => {
    const sink = createTranscriptSink({ outputPath: join(dir, 'talk.txt'), formats: [...OUTPUT_FORMATS] });
    for (const s of segments) sink.add(s);
    const written = await sink.finish(metadata);
    expect(written).toEqual(OUTPUT_FORMATS.map((f) => join(dir, `talk.${f}`)));
    expect((await readdir(dir)).sort()).toEqual(OUTPUT_FORMATS.map((f) => `talk.${f}`).sort());
    for (const format of OUTPUT_FORMATS) {
      expect(await readFile(join(dir, `talk.${format}`), 'utf8')).toBe(formatTranscript(format, segments, metadata));
    }
    parseSrtStrict(await readFile(join(dir, 'talk.srt'), 'utf8'));
    parseVttStrict(await readFile(join(dir, 'talk.vtt'), 'utf8'));
  });

  it('writes what arrived so far when finished early (Ctrl-C)', async () => {
    const sink = createTranscriptSink({ outputPath: join(dir, 'talk'), formats: ['json', 'txt'] });
    sink.add(segments[0]!);
    const interrupted = { ...metadata, complete: false, notTranscribedFromSec: 2 };
    await sink.finish(interrupted);
    const json = JSON.parse(await readFile(join(dir, 'talk.json'), 'utf8'));
    expect(json.metadata).toMatchObject({ complete: false, notTranscribedFromSec: 2 });
    expect(json.segments).toHaveLength(1);
    expect(await readFile(join(dir, 'talk.txt'), 'utf8')).toBe('Hello there.\n');
  });

  it('writes empty transcripts that are still valid files', async () => {
    const sink = createTranscriptSink({ outputPath: join(dir, 'none'), formats: ['srt', 'vtt', 'txt'] });
    await sink.finish(metadata);
    expect(parseSrtStrict(await readFile(join(dir, 'none.srt'), 'utf8'))).toEqual([]);
    expect(parseVttStrict(await readFile(join(dir, 'none.vtt'), 'utf8'))).toEqual([]);
    expect(await readFile(join(dir, 'none.txt'), 'utf8')).toBe('');
  });

  it('still writes the other formats when one path fails', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'talk.srt')); // a directory in the way of one file
    const sink = createTranscriptSink({ outputPath: join(dir, 'talk'), formats: ['srt', 'txt'] });
    sink.add(segments[0]!);
    await expect(sink.finish(metadata)).rejects.toMatchObject({ code: 'OUTPUT_FAILED' });
    expect(await readFile(join(dir, 'talk.txt'), 'utf8')).toBe('Hello there.\n');
    expect((await readdir(dir)).sort()).toEqual(['talk.srt', 'talk.txt']);
  });

  it('fails with OUTPUT_FAILED when the directory is missing', async () => {
    const path = join(dir, 'nope', 'talk.txt');
    const sink = createTranscriptSink({ outputPath: path, formats: ['txt'] });
    await expect(sink.finish(metadata)).rejects.toMatchObject({
      code: 'OUTPUT_FAILED',
      message: `cannot write output (${path}): ENOENT no such file or directory`,
    });
  });
});
