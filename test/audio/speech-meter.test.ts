import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpeechMeter, type SpeechEstimate } from '../../src/audio/speech-meter.js';
import { measureInput } from '../../src/index.js';
import { corpusDurationSec } from '../../src/tonecode/index.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';

// 40 ms chunks at 24 kHz; a 500 ms bridge.
const CHUNK = 960;
const BRIDGE = 12_000;

function feed(pattern: string): SpeechEstimate {
  // One character per chunk: `#` sound, `.` silence.
  const meter = new SpeechMeter(BRIDGE, -50);
  for (const c of pattern) meter.pushChunk(CHUNK, c === '.');
  return meter.estimate;
}

describe('SpeechMeter', () => {
  it('counts sound and the short pauses inside it, not the silence around it', () => {
    // 5 silent, 3 sound, 2 silent (80 ms, bridged), 3 sound, 20 silent (800 ms: ends it)
    const e = feed('.....###..###....................');
    expect(e.totalSamples).toBe(33 * CHUNK);
    expect(e.speechSamples).toBe(8 * CHUNK);
    expect(e.utterances).toBe(1);
  });

  it('a pause as long as the bridge ends the utterance and is not counted', () => {
    const pause = '.'.repeat(Math.ceil(BRIDGE / CHUNK));
    const e = feed(`##${pause}##`);
    expect(e.utterances).toBe(2);
    expect(e.speechSamples).toBe(4 * CHUNK);
  });

  it('trailing silence shorter than the bridge is not speech either', () => {
    expect(feed('##...').speechSamples).toBe(2 * CHUNK);
  });

  it('silence only: no speech, no utterance', () => {
    expect(feed('..........')).toEqual({ totalSamples: 10 * CHUNK, speechSamples: 0, utterances: 0 });
  });

  it('judges PCM by its energy', () => {
    const meter = new SpeechMeter(BRIDGE, -50);
    const loud = Buffer.alloc(CHUNK * 2);
    for (let i = 0; i < CHUNK; i++) loud.writeInt16LE(i % 2 === 0 ? 8000 : -8000, i * 2);
    meter.push(Buffer.alloc(CHUNK * 2));
    meter.push(loud);
    expect(meter.estimate).toEqual({ totalSamples: 2 * CHUNK, speechSamples: CHUNK, utterances: 1 });
  });
});

describe('measureInput (decodes as transcribe() does, connects to nothing)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rt-measure-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the exact length and the speech of a tonecode corpus within a chunk per sentence', async () => {
    const corpus = await makeCorpusFile(dir, { count: 20, sampleRate: 16_000, format: 'flac' });
    const measure = await measureInput(corpus.path, { env: {} });
    expect(measure.seconds).toBeCloseTo(corpusDurationSec({ count: 20 }), 2);
    expect(measure.utterances).toBe(20);
    const spoken = corpus.timings.reduce((sum, t) => sum + (t.endSec - t.startSec), 0);
    // Chunks are 40 ms: each sentence may gain up to a chunk at either end.
    expect(measure.speechSec).toBeGreaterThanOrEqual(spoken - 0.01);
    expect(measure.speechSec).toBeLessThanOrEqual(spoken + 20 * 0.08);
  });

  it('throws the input errors a run would', async () => {
    const empty = join(dir, 'empty.wav');
    await writeFile(empty, '');
    await expect(measureInput(join(dir, 'missing.wav'), { env: {} })).rejects.toMatchObject({
      code: 'INPUT_NOT_FOUND',
    });
    await expect(measureInput(empty, { env: {} })).rejects.toMatchObject({ code: 'INPUT_EMPTY' });
    await expect(measureInput('fixtures/not-audio.wav', { env: {} })).rejects.toMatchObject({
      code: 'INPUT_NOT_AUDIO',
    });
  });
});
