import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToPcm } from '../../src/audio/decode.js';
import { BYTES_PER_SECOND, SAMPLE_RATE } from '../../src/audio/pcm-format.js';
import { parseWavHeader } from '../../src/audio/wav-header.js';
import { TranscribeError } from '../../src/errors.js';
import { collect, decoderFfmpegs, ffmpeg, makeTempDir, rejectionOf, sineFile } from './fixtures.js';

const temp = makeTempDir('decode');
const at = (name: string) => join(temp.dir, name);
const SECONDS = 3;
const EXPECTED_SAMPLES = SECONDS * SAMPLE_RATE;

// One codec frame at the source rate (44.1 kHz), in output samples: the padding an encoder may
// add or trim at the ends.
const frame = (sourceSamples: number) => Math.ceil((sourceSamples * SAMPLE_RATE) / 44_100);

beforeAll(async () => {
  await Promise.all([
    sineFile(at('tone.wav'), SECONDS),
    sineFile(at('tone.mp3'), SECONDS),
    sineFile(at('tone.flac'), SECONDS),
    sineFile(at('tone.ogg'), SECONDS),
    sineFile(at('tone.m4a'), SECONDS, ['-c:a', 'aac']),
    sineFile(at('long.wav'), 30),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=duration=1', '-pix_fmt', 'yuv420p', at('video-only.mp4')),
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=500:duration=${SECONDS}`,
      '-ar',
      '16000',
      '-ac',
      '1',
      '-f',
      's16le',
      at('tone.raw'),
    ),
  ]);
  writeFileSync(at('notes.wav'), 'these are meeting notes, not audio\n');
  writeFileSync(at('empty.wav'), '');
  // 12 s of a 30 s WAV, header untouched: it still declares 30 s.
  const whole = readFileSync(at('long.wav'));
  const header = parseWavHeader(whole);
  if (!('dataOffset' in header)) throw new Error('fixture is not a WAV');
  writeFileSync(at('cut.wav'), whole.subarray(0, header.dataOffset + 12 * 44_100 * 4));
  // An M4A keeps its index (moov) at the end: cut, it cannot be opened at all.
  const m4a = readFileSync(at('tone.m4a'));
  writeFileSync(at('cut.m4a'), m4a.subarray(0, m4a.length >> 1));
  mkdirSync(at('folder'));
}, 60_000);

afterAll(() => temp.remove());

// Every test below runs with each ffmpeg found: the system's and a bundled one (both in CI).
describe.each(decoderFfmpegs())('with the $label', ({ path: ffmpegPath }) => {
  async function decodeAll(input: string, extra: Partial<Parameters<typeof decodeToPcm>[0]> = {}) {
    const decoded = decodeToPcm({ input, ffmpegPath, ...extra });
    const { bytes, pieces } = await collect(decoded.pcm);
    return { decoded, bytes, pieces, samples: bytes / 2 };
  }

  describe('decodeToPcm on real files', () => {
    it('decodes a 44.1 kHz stereo WAV to exactly 3 s of 24 kHz mono in even pieces', async () => {
      const { decoded, samples, pieces } = await decodeAll(at('tone.wav'));
      expect(samples).toBe(EXPECTED_SAMPLES);
      expect(pieces.every((p) => p.length % 2 === 0 && p.length > 0)).toBe(true);
      expect(await decoded.duration).toBe(3);
      const result = await decoded.finished;
      expect(result).toEqual({ decodedSeconds: 3, declaredSeconds: 3, warnings: [], stopped: false });
    });

    it('keeps the tone: the output is a loud 1 kHz sine', async () => {
      const { pieces } = await decodeAll(at('tone.wav'));
      const pcm = Buffer.concat(pieces);
      // 1 kHz at 24 kHz is 24 samples per period: zero crossings every 12 samples.
      let crossings = 0;
      for (let i = 2; i < pcm.length / 2; i++) {
        if (pcm.readInt16LE((i - 1) * 2) < 0 !== pcm.readInt16LE(i * 2) < 0) crossings++;
      }
      expect(crossings / SECONDS).toBeGreaterThan(1990);
      expect(crossings / SECONDS).toBeLessThan(2010);
    });

    // The M4A's header says 3.02 s when the encoder (ffmpeg 4 and older) counts its priming
    // samples, 3 s when it writes an edit list (newer ones): within one AAC frame either way.
    it.each([
      ['tone.mp3', frame(1152), 3.03, 0.005],
      ['tone.flac', 0, 3, 0.005],
      ['tone.ogg', frame(2048), 3, 0.005],
      ['tone.m4a', frame(1024), 3, 1024 / 44_100],
    ])('decodes %s to 3 s within one codec frame, with its duration', async (name, tolerance, duration, slack) => {
      const { decoded, samples } = await decodeAll(at(name));
      expect(Math.abs(samples - EXPECTED_SAMPLES)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((await decoded.duration)! - duration)).toBeLessThanOrEqual(slack);
      const result = await decoded.finished;
      expect(result.decodedSeconds).toBeCloseTo(samples / SAMPLE_RATE, 9);
      expect(result.stopped).toBe(false);
    });

    it('resolves the duration while the PCM is still unread', async () => {
      const decoded = decodeToPcm({ input: at('long.wav'), ffmpegPath });
      expect(await decoded.duration).toBe(30);
      decoded.kill();
      await collect(decoded.pcm);
      expect((await decoded.finished).stopped).toBe(true);
    });
  });

  describe('decodeToPcm errors', () => {
    it('throws INPUT_NOT_FOUND before spawning for a missing path', () => {
      const missing = at('no-such-file.wav');
      expect(() => decodeToPcm({ input: missing, ffmpegPath })).toThrowError(
        expect.objectContaining({
          code: 'INPUT_NOT_FOUND',
          message: `input file not found (${missing})`,
          hint: 'check the path; to read audio from stdin, pass -',
        }),
      );
    });

    it('throws INPUT_UNREADABLE for a directory', () => {
      expect(() => decodeToPcm({ input: at('folder'), ffmpegPath })).toThrowError(
        expect.objectContaining({ code: 'INPUT_UNREADABLE', message: `input is a directory (${at('folder')})` }),
      );
    });

    it.skipIf(process.getuid?.() === 0)('throws INPUT_UNREADABLE for a file it may not read', async () => {
      const { chmodSync } = await import('node:fs');
      const locked = at('locked.wav');
      writeFileSync(locked, readFileSync(at('tone.wav')));
      chmodSync(locked, 0o000);
      expect(() => decodeToPcm({ input: locked, ffmpegPath })).toThrowError(
        expect.objectContaining({
          code: 'INPUT_UNREADABLE',
          message: `cannot read input (${locked}): permission denied`,
        }),
      );
    });

    it('rejects a text file named .wav as INPUT_NOT_AUDIO with ffmpeg words', async () => {
      const { decoded, bytes } = await decodeAll(at('notes.wav'));
      expect(bytes).toBe(0);
      const err = await rejectionOf(decoded.finished);
      expect(err).toBeInstanceOf(TranscribeError);
      expect(err).toMatchObject({
        code: 'INPUT_NOT_AUDIO',
        message: `not an audio file (${at('notes.wav')}): ffmpeg says "Invalid data found when processing input"`,
      });
    });

    it('rejects a video without sound as INPUT_NOT_AUDIO', async () => {
      const { decoded } = await decodeAll(at('video-only.mp4'));
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_NOT_AUDIO',
        message: `not an audio file (${at('video-only.mp4')}): ffmpeg found no audio stream in it`,
        hint: 'it is a video without a sound track',
      });
    });

    it('delivers the PCM of a cut WAV, then rejects with INPUT_TRUNCATED', async () => {
      const { decoded, samples } = await decodeAll(at('cut.wav'));
      expect(samples).toBe(12 * SAMPLE_RATE);
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_TRUNCATED',
        message: `input ends early (${at('cut.wav')}): decoded 12.0 s of the 30.0 s its header declares`,
      });
    });

    it('quotes the real cause for an MP4 whose index was never written', async () => {
      const { decoded } = await decodeAll(at('cut.m4a'));
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_UNREADABLE',
        message: `cannot decode input (${at('cut.m4a')}): ffmpeg says "moov atom not found"`,
      });
    });

    it('rejects an empty file with INPUT_EMPTY', async () => {
      const { decoded } = await decodeAll(at('empty.wav'));
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_EMPTY',
        message: `input is empty (${at('empty.wav')}): the file has 0 bytes`,
      });
    });

    it('rejects with FFMPEG_NOT_FOUND when the binary cannot start', async () => {
      const { decoded, bytes } = await decodeAll(at('tone.wav'), { ffmpegPath: at('no-ffmpeg') });
      expect(bytes).toBe(0);
      expect(await decoded.duration).toBeUndefined();
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'FFMPEG_NOT_FOUND',
        message: `ffmpeg could not be started (${at('no-ffmpeg')}): ENOENT`,
      });
    });
  });

  describe('decodeToPcm from stdin', () => {
    it('decodes a WAV arriving on a stream, with no duration', async () => {
      const { decoded, samples } = await decodeAll('-', { stdin: createReadStream(at('tone.wav')) });
      expect(samples).toBe(EXPECTED_SAMPLES);
      expect(await decoded.duration).toBeUndefined();
      expect(await decoded.finished).toMatchObject({ decodedSeconds: 3, declaredSeconds: 3, stopped: false });
    });

    it('decodes raw PCM when told its format', async () => {
      const { decoded, samples } = await decodeAll('-', {
        stdin: createReadStream(at('tone.raw')),
        inputArgs: ['-f', 's16le', '-ar', '16000', '-ac', '1'],
      });
      expect(samples).toBe(EXPECTED_SAMPLES);
      expect(await decoded.finished).toMatchObject({ decodedSeconds: 3, stopped: false });
    });

    it('reports a cut WAV on stdin as INPUT_TRUNCATED from its header', async () => {
      const { decoded, samples } = await decodeAll('-', { stdin: createReadStream(at('cut.wav')) });
      expect(samples).toBe(12 * SAMPLE_RATE);
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_TRUNCATED',
        message: 'input ends early (stdin): decoded 12.0 s of the 30.0 s its header declares',
      });
    });

    it('rejects an empty stdin with INPUT_EMPTY', async () => {
      const { decoded } = await decodeAll('-', { stdin: Readable.from([]) });
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_EMPTY',
        message: 'input is empty (stdin): no bytes arrived',
      });
    });

    it('rejects text on stdin with INPUT_NOT_AUDIO', async () => {
      const { decoded } = await decodeAll('-', { stdin: Readable.from([Buffer.from('hello, not audio\n')]) });
      expect(await rejectionOf(decoded.finished)).toMatchObject({
        code: 'INPUT_NOT_AUDIO',
        message: 'not an audio file (stdin): ffmpeg says "Invalid data found when processing input"',
      });
    });

    it('leaves the source stream open and unpiped when done', async () => {
      // A source that never ends, like a live microphone: kill() must detach from it cleanly.
      const source = new Readable({ read() {} });
      source.push(readFileSync(at('tone.wav')).subarray(0, 44 + 44_100 * 4));
      const decoded = decodeToPcm({ input: '-', ffmpegPath, stdin: source });
      const reader = decoded.pcm[Symbol.asyncIterator]();
      expect((await reader.next()).done).toBe(false);
      decoded.kill();
      while (!(await reader.next()).done);
      expect((await decoded.finished).stopped).toBe(true);
      expect(source.destroyed).toBe(false);
      expect(source.listenerCount('data')).toBe(0);
    });
  });

  describe('stopping a decode', () => {
    it('kill() ends the iterable without an error and ends ffmpeg', async () => {
      const decoded = decodeToPcm({ input: at('long.wav'), ffmpegPath });
      let bytes = 0;
      for await (const piece of decoded.pcm) {
        bytes += piece.length;
        if (bytes > BYTES_PER_SECOND) decoded.kill();
      }
      const result = await decoded.finished;
      expect(result.stopped).toBe(true);
      expect(result.decodedSeconds).toBeLessThan(30);
      expect(isAlive(decoded.pid!)).toBe(false);
    });

    it('an abort signal does the same', async () => {
      const controller = new AbortController();
      const decoded = decodeToPcm({ input: at('long.wav'), ffmpegPath, signal: controller.signal });
      let pieces = 0;
      for await (const _ of decoded.pcm) if (++pieces === 3) controller.abort();
      expect((await decoded.finished).stopped).toBe(true);
      expect(isAlive(decoded.pid!)).toBe(false);
    });

    it('a signal aborted before the start yields nothing and spawns nothing lasting', async () => {
      const decoded = decodeToPcm({ input: at('long.wav'), ffmpegPath, signal: AbortSignal.abort() });
      const { bytes } = await collect(decoded.pcm);
      expect(bytes).toBe(0);
      expect(await decoded.finished).toMatchObject({ decodedSeconds: 0, stopped: true });
      expect(isAlive(decoded.pid!)).toBe(false);
    });

    it('kill() after the last byte was read leaves the verdict alone', async () => {
      const decoded = decodeToPcm({ input: at('cut.wav'), ffmpegPath });
      await collect(decoded.pcm);
      decoded.kill();
      expect(await rejectionOf(decoded.finished)).toMatchObject({ code: 'INPUT_TRUNCATED' });
    });

    it('breaking out of the loop stops ffmpeg', async () => {
      const decoded = decodeToPcm({ input: at('long.wav'), ffmpegPath });
      for await (const _ of decoded.pcm) break;
      expect((await decoded.finished).stopped).toBe(true);
      expect(isAlive(decoded.pid!)).toBe(false);
    });
  });

  function isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
});
