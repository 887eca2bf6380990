import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToPcm } from '../../src/audio/decode.js';
import { PcmConverter } from '../../src/audio/pcm-converter.js';
import { openStdinPcm, type StdinPcmOptions } from '../../src/audio/stdin-pcm.js';
import { TranscribeError } from '../../src/errors.js';
import { collect, ffmpegPath, makeTempDir, rejectionOf, sineFile } from './fixtures.js';
import { db, pcm16Samples, riffChunk, rms, s16Bytes, sine, wavStreamHeader } from './signal-fixtures.js';

const temp = makeTempDir('stdin-pcm');
const mp3 = join(temp.dir, 'tone.mp3');

beforeAll(async () => {
  await sineFile(mp3, 3);
}, 30_000);
afterAll(() => temp.remove());

function open(stream: NodeJS.ReadableStream, extra: Partial<StdinPcmOptions> = {}) {
  return openStdinPcm({ stream, ffmpegPath, ...extra });
}

// Feeds `pieces` one per tick, then ends: the way a pipe delivers a live source.
function feed(pieces: Buffer[], end = true): PassThrough {
  const stream = new PassThrough();
  void (async () => {
    for (const piece of pieces) {
      stream.write(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (end) stream.end();
  })();
  return stream;
}

const tone16k = s16Bytes(sine(1000, 16_000, 16_000)); // 1 s at 16 kHz

describe('openStdinPcm: WAV as arecord writes it', () => {
  it('decodes a streaming header (size 0x80000000) at 16 kHz to 24 kHz in JS, with no ffmpeg', async () => {
    const decoded = open(feed([wavStreamHeader(0x80000000), tone16k.subarray(0, 10_000), tone16k.subarray(10_000)]));
    const { bytes, pieces } = await collect(decoded.pcm);
    expect(decoded.pid).toBeUndefined();
    expect(bytes).toBe(48_000); // exactly 1 s
    const samples = pcm16Samples(Buffer.concat(pieces));
    expect(Math.abs(db(rms(samples, 2400, 21_600) / 32768 / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
    expect(await decoded.finished).toEqual({ decodedSeconds: 1, warnings: [], stopped: false });
    expect(await decoded.duration).toBeUndefined();
  });

  it('hands each read on at once, without waiting for more input or the end', async () => {
    const stream = new PassThrough();
    const decoded = open(stream);
    const pcm = decoded.pcm[Symbol.asyncIterator]();
    stream.write(Buffer.concat([wavStreamHeader(0xffffffff), tone16k.subarray(0, 3200)])); // 100 ms
    const first = await pcm.next();
    // 100 ms at 24 kHz is 4800 bytes; the resampler's kernel keeps the last 4 ms back.
    expect(first.value.length).toBe(4608);
    stream.write(tone16k.subarray(3200, 3264)); // 2 ms more
    expect((await pcm.next()).value.length).toBeGreaterThan(0);
    stream.end();
    while (!(await pcm.next()).done);
    expect((await decoded.finished).decodedSeconds).toBeCloseTo(0.102, 6);
  });

  it('gives the same audio when the header is split across two reads, or across many', async () => {
    const header = wavStreamHeader(0, {}, [riffChunk('LIST', Buffer.alloc(26, 0x41))]);
    const input = Buffer.concat([header, tone16k]);
    const whole = Buffer.concat((await collect(open(feed([input])).pcm)).pieces);
    const split = Buffer.concat((await collect(open(feed([input.subarray(0, 20), input.subarray(20)])).pcm)).pieces);
    const bytewise = Buffer.concat(
      (
        await collect(
          open(feed([...input.subarray(0, 200)].map((b) => Buffer.from([b])).concat(input.subarray(200)))).pcm,
        )
      ).pieces,
    );
    expect(split).toEqual(whole);
    expect(bytewise).toEqual(whole);
    expect(whole.length).toBe(48_000);
  });

  it('decodes WAVE_FORMAT_EXTENSIBLE float stereo at 44.1 kHz', async () => {
    const frames = 4410;
    const tone = sine(1000, 44_100, frames);
    const body = Buffer.alloc(frames * 8);
    for (let f = 0; f < frames; f++) {
      body.writeFloatLE(tone[f]!, f * 8);
      body.writeFloatLE(tone[f]!, f * 8 + 4);
    }
    const decoded = open(
      feed([wavStreamHeader(0xffffffff, { extensibleOf: 3, bits: 32, channels: 2, rate: 44_100 }), body]),
    );
    const { bytes } = await collect(decoded.pcm);
    expect(bytes).toBe(4800); // 100 ms
    expect((await decoded.finished).decodedSeconds).toBeCloseTo(0.1, 9);
  });

  it('treats a stream that stops mid-sentence as a normal end when the header said nothing', async () => {
    const decoded = open(feed([wavStreamHeader(0x7fffffff), tone16k.subarray(0, 12_345)]));
    await collect(decoded.pcm);
    const result = await decoded.finished;
    expect(result.stopped).toBe(false);
    expect(result.warnings).toEqual(['stdin ended inside a sample frame; its last 1 bytes were dropped']);
    expect(result.decodedSeconds).toBeCloseTo(6172 / 16_000, 3);
  });

  it('reports a real declared length that did not arrive, after delivering what did', async () => {
    const decoded = open(feed([wavStreamHeader(32_000 * 30), tone16k, tone16k]));
    const { bytes } = await collect(decoded.pcm);
    expect(bytes).toBe(96_000);
    const error = (await rejectionOf(decoded.finished)) as TranscribeError;
    expect(error.code).toBe('INPUT_TRUNCATED');
    expect(error.message).toBe('input ends early (stdin): decoded 2.0 s of the 30.0 s its header declares');
  });

  it('stops at the declared length: chunks after the data are not audio', async () => {
    const list = riffChunk('LIST', Buffer.from('INFOICMT\x04\x00\x00\x00abcd', 'latin1'));
    const decoded = open(feed([wavStreamHeader(16_000), tone16k.subarray(0, 16_000), list]));
    const { bytes } = await collect(decoded.pcm);
    expect(bytes).toBe(24_000);
    expect(await decoded.finished).toEqual({ decodedSeconds: 0.5, declaredSeconds: 0.5, warnings: [], stopped: false });
  });
});

describe('openStdinPcm: headerless input', () => {
  it('decodes raw s16le 16 kHz mono', async () => {
    const decoded = open(feed([tone16k.subarray(0, 777), tone16k.subarray(777)]), {
      rawFormat: { encoding: 's16le', sampleRate: 16_000, channels: 1 },
    });
    const { pieces } = await collect(decoded.pcm);
    const expected = new PcmConverter({ encoding: 's16le', sampleRate: 16_000, channels: 1 });
    expect(Buffer.concat(pieces)).toEqual(Buffer.concat([expected.push(tone16k), expected.end()]));
    expect((await decoded.finished).decodedSeconds).toBe(1);
  });

  it('decodes raw 8 kHz μ-law, as telephony gateways send it', async () => {
    const decoded = open(feed([Buffer.alloc(8000, 0xa0)]), {
      rawFormat: { encoding: 'mulaw', sampleRate: 8000, channels: 1 },
    });
    const samples = pcm16Samples(Buffer.concat((await collect(decoded.pcm)).pieces));
    expect(samples.length).toBe(24_000);
    expect(samples[12_000]).toBe(7932);
  });

  it('decodes raw f32le 48 kHz stereo', async () => {
    const body = Buffer.alloc(4800 * 8);
    for (let f = 0; f < 4800; f++) body.writeFloatLE(0.25, f * 8); // left only
    const decoded = open(feed([body]), { rawFormat: { encoding: 'f32le', sampleRate: 48_000, channels: 2 } });
    const samples = pcm16Samples(Buffer.concat((await collect(decoded.pcm)).pieces));
    expect(samples.length).toBe(2400);
    expect(samples[1200]).toBe(4096); // (0.25 + 0) / 2
  });

  it('takes the stated format even when the bytes look like a WAV header', async () => {
    const decoded = open(feed([wavStreamHeader(0), Buffer.alloc(956)]), {
      rawFormat: { encoding: 's16le', sampleRate: 24_000, channels: 1 },
    });
    expect((await collect(decoded.pcm)).bytes).toBe(1000);
  });

  it('rejects a bad format at once, naming it', () => {
    expect(() => open(new PassThrough(), { rawFormat: { encoding: 's16le', sampleRate: 0, channels: 1 } })).toThrow(
      'rawInput.sampleRate must be a whole number of Hz from 1000 to 768000 (0)',
    );
  });
});

describe('openStdinPcm: errors and stopping', () => {
  it.each([
    ['sniffed', {}],
    ['raw', { rawFormat: { encoding: 's16le' as const, sampleRate: 16_000, channels: 1 } }],
  ])('an empty stdin (%s) is INPUT_EMPTY with the same words as ever', async (_name, extra) => {
    const decoded = open(feed([]), extra);
    expect((await collect(decoded.pcm)).bytes).toBe(0);
    const error = (await rejectionOf(decoded.finished)) as TranscribeError;
    expect(error.code).toBe('INPUT_EMPTY');
    expect(error.message).toBe('input is empty (stdin): no bytes arrived');
  });

  it('a read error is INPUT_UNREADABLE, after the audio before it', async () => {
    const stream = new PassThrough();
    const decoded = open(stream);
    stream.write(Buffer.concat([wavStreamHeader(0), tone16k.subarray(0, 3200)]));
    setTimeout(() => stream.destroy(Object.assign(new Error('read EIO'), { code: 'EIO' })), 20);
    const { bytes } = await collect(decoded.pcm);
    expect(bytes).toBe(4608);
    const error = (await rejectionOf(decoded.finished)) as TranscribeError;
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toBe('cannot read input (stdin): read EIO');
  });

  it('kill() ends the audio without an error and leaves stdin itself open', async () => {
    const stream = new PassThrough();
    const decoded = open(stream);
    const pcm = decoded.pcm[Symbol.asyncIterator]();
    stream.write(Buffer.concat([wavStreamHeader(0), tone16k]));
    await pcm.next();
    const pending = pcm.next();
    decoded.kill();
    expect((await pending).done).toBe(true);
    expect(await decoded.finished).toMatchObject({ stopped: true });
    expect(stream.destroyed).toBe(false);
  });

  it('the abort signal stops it like kill()', async () => {
    const controller = new AbortController();
    const decoded = open(new PassThrough(), { signal: controller.signal });
    const next = decoded.pcm[Symbol.asyncIterator]().next();
    controller.abort();
    expect((await next).done).toBe(true);
    expect(await decoded.finished).toMatchObject({ stopped: true, decodedSeconds: 0 });
  });

  it('a consumer that stops iterating stops the decode', async () => {
    const stream = new PassThrough();
    stream.write(Buffer.concat([wavStreamHeader(0), tone16k]));
    const decoded = open(stream);
    for await (const piece of decoded.pcm) {
      expect(piece.length).toBeGreaterThan(0);
      break;
    }
    expect(await decoded.finished).toMatchObject({ stopped: true });
  });
});

describe('openStdinPcm: everything else goes to ffmpeg', () => {
  it('decodes an MP3 on stdin through ffmpeg, with the sniffed bytes replayed (nothing lost)', async () => {
    const bytes = readFileSync(mp3);
    // The first read is a few bytes only, so the sniffed head is a separate piece to replay.
    const decoded = open(feed([bytes.subarray(0, 3), bytes.subarray(3, 5000), bytes.subarray(5000)]));
    const ours = Buffer.concat((await collect(decoded.pcm)).pieces);
    expect(decoded.pid).toBeTypeOf('number');
    const result = await decoded.finished;
    expect(result.stopped).toBe(false);
    // The same bytes decoded by ffmpeg straight from stdin, the way it always was.
    const direct = decodeToPcm({ input: '-', ffmpegPath, stdin: createReadStream(mp3) });
    const theirs = Buffer.concat((await collect(direct.pcm)).pieces);
    expect(ours.length).toBeGreaterThan(3 * 48_000 - 2400);
    expect(ours).toEqual(theirs);
  }, 30_000);

  it("reports ffmpeg's verdict on bytes that are not audio", async () => {
    const decoded = open(feed([Buffer.from('these are meeting notes, not audio\n')]));
    expect((await collect(decoded.pcm)).bytes).toBe(0);
    const error = (await rejectionOf(decoded.finished)) as TranscribeError;
    expect(error.code).toBe('INPUT_NOT_AUDIO');
    expect(error.message).toMatch(/^not an audio file \(stdin\): ffmpeg says "/);
  }, 30_000);

  it('kill() during the ffmpeg fallback stops ffmpeg and leaves stdin open', async () => {
    const bytes = readFileSync(mp3);
    const stream = new PassThrough();
    stream.write(bytes.subarray(0, 20_000));
    const decoded = open(stream);
    const pcm = decoded.pcm[Symbol.asyncIterator]();
    expect((await pcm.next()).done).toBe(false);
    decoded.kill();
    while (!(await pcm.next()).done);
    expect(await decoded.finished).toMatchObject({ stopped: true });
    expect(stream.destroyed).toBe(false);
  }, 30_000);
});
