import { describe, expect, it } from 'vitest';
import { synthesizeCorpus } from '../../src/tonecode/index.js';
import { SpeechVad, type VadEvent } from '../../src/emulator/vad.js';

const DEFAULTS = { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 };
const ms = (samples: number) => samples / 24;

// Pushes the audio in 40 ms appends, as a client would, and collects every event.
function run(pcm: Int16Array, vad = new SpeechVad(DEFAULTS), chunk = 960): VadEvent[] {
  const events: VadEvent[] = [];
  for (let i = 0; i < pcm.length; i += chunk) events.push(...vad.push(pcm.subarray(i, i + chunk)));
  return events;
}

describe('SpeechVad', () => {
  it('finds each sentence separated by 1000 ms pauses, with padding and silence at the right ms', () => {
    const corpus = synthesizeCorpus({ count: 4, pauseMs: 1000, leadingSilenceMs: 200 });
    const events = run(corpus.pcm);
    expect(events.map((e) => e.type)).toEqual(Array(4).fill(['speech_started', 'speech_stopped']).flat());
    corpus.sentences.forEach((sentence, i) => {
      const started = events[2 * i] as Extract<VadEvent, { type: 'speech_started' }>;
      const stopped = events[2 * i + 1] as Extract<VadEvent, { type: 'speech_stopped' }>;
      expect(ms(started.speechStart)).toBeCloseTo(sentence.startSec * 1000, -1);
      // Prefix padding reaches back 300 ms, but never before the audio (first sentence: 200 ms in).
      expect(ms(started.audioStart)).toBeCloseTo(Math.max(0, sentence.startSec * 1000 - 300), -1);
      // The stop point includes the 500 ms of silence that ended the turn.
      expect(ms(stopped.audioEnd)).toBeCloseTo(sentence.endSec * 1000 + 500, -1);
      expect(stopped.audioStart).toBe(started.audioStart);
    });
  });

  it('does not depend on how the audio is chunked', () => {
    const corpus = synthesizeCorpus({ count: 3 });
    expect(run(corpus.pcm, new SpeechVad(DEFAULTS), 333)).toEqual(run(corpus.pcm, new SpeechVad(DEFAULTS), 4800));
  });

  it('keeps a monologue with 150 ms pauses as one long segment', () => {
    const corpus = synthesizeCorpus({ count: 12, pauseMs: 150 });
    const events = run(corpus.pcm);
    expect(events.map((e) => e.type)).toEqual(['speech_started', 'speech_stopped']);
    const last = corpus.sentences.at(-1)!;
    expect(ms((events[1] as Extract<VadEvent, { type: 'speech_stopped' }>).audioEnd)).toBeCloseTo(
      last.endSec * 1000 + 500,
      -1,
    );
  });

  it('ignores white noise at -55 dBFS, and still finds words over it', () => {
    const noise = synthesizeCorpus({ count: 1, pauseMs: 1000, noiseDbfs: -55 });
    const silent = new Int16Array(noise.pcm.length);
    // The noise alone: the same generator with the words removed.
    const clean = synthesizeCorpus({ count: 1, pauseMs: 1000 }).pcm;
    const onlyNoise = noise.pcm.map((v, i) => v - clean[i]!);
    const rms = Math.sqrt(onlyNoise.reduce((sum, v) => sum + v * v, 0) / onlyNoise.length);
    expect(20 * Math.log10(rms / 32768)).toBeCloseTo(-55, 0);
    // WebRTC's detector takes the first 100 ms of a noise it has not yet measured for speech; the
    // turn that makes holds no words, and the noise after it starts none.
    expect(run(onlyNoise).filter((e) => e.type === 'speech_started' && e.speechStart > 24 * 200)).toEqual([]);
    expect(run(silent)).toEqual([]);
    expect(run(noise.pcm).map((e) => e.type)).toEqual(['speech_started', 'speech_stopped']);
  });

  it('follows its settings: threshold 0 takes every frame for speech, a shorter silence splits sooner', () => {
    const corpus = synthesizeCorpus({ count: 2, pauseMs: 800 });
    expect(run(corpus.pcm, new SpeechVad({ ...DEFAULTS, threshold: 0 })).map((e) => e.type)).toEqual([
      'speech_started',
    ]);
    const short = run(corpus.pcm, new SpeechVad({ ...DEFAULTS, silenceDurationMs: 100 }));
    // 80 ms word gaps stay inside a turn; every 800 ms pause ends one.
    expect(short.filter((e) => e.type === 'speech_stopped')).toHaveLength(2);
    const stop = short[1] as Extract<VadEvent, { type: 'speech_stopped' }>;
    expect(ms(stop.audioEnd)).toBeCloseTo(corpus.sentences[0]!.endSec * 1000 + 100, -1);
  });

  it('cut() ends the speech in progress where the audio ends; clear() forgets it', () => {
    const corpus = synthesizeCorpus({ count: 1 });
    const vad = new SpeechVad(DEFAULTS);
    const part = corpus.pcm.subarray(0, 24 * 500 + 100);
    expect(vad.push(part).map((e) => e.type)).toEqual(['speech_started']);
    expect(vad.cut()).toEqual({ audioStart: 0, audioEnd: part.length });
    expect(vad.inSpeech).toBe(false);
    // The rest of the sentence starts a new turn that may not reach back before the cut.
    const next = vad.push(corpus.pcm.subarray(part.length));
    const started = next[0] as Extract<VadEvent, { type: 'speech_started' }>;
    expect(started.audioStart).toBeGreaterThanOrEqual(part.length);

    const other = new SpeechVad(DEFAULTS);
    other.push(part);
    other.clear();
    expect(other.inSpeech).toBe(false);
    expect(other.cut()).toBeNull();
  });
});
