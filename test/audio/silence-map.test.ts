import { describe, expect, it } from 'vitest';
import { FrameJudge } from '../../src/audio/frame-judge.js';
import { SilenceMapper, mapSilences } from '../../src/audio/silence-map.js';
import { corpusTimings, synthesizeCorpusChunks } from '../../src/tonecode/index.js';

const S = (sec: number) => Math.round(sec * 24_000);
const tone = (sec: number) =>
  Buffer.from(Int16Array.from({ length: S(sec) }, (_, i) => Math.round(3000 * Math.sin(i / 3))).buffer);
const quiet = (sec: number) => Buffer.alloc(S(sec) * 2);

describe('FrameJudge', () => {
  it('judges the same frames however the audio is chunked, the last one shorter', () => {
    const pcm = Buffer.concat([tone(0.015), quiet(0.02), tone(0.001)]);
    const seen = (chunk: number) => {
      const judge = new FrameJudge(240, -50, 1000);
      const frames: [number, number, boolean][] = [];
      for (let at = 0; at < pcm.length; at += chunk * 2)
        judge.push(pcm.subarray(at, at + chunk * 2), (s, e, q) => frames.push([s, e, q]));
      judge.end((s, e, q) => frames.push([s, e, q]));
      return frames;
    };
    const expected = [
      [1000, 1240, false],
      [1240, 1480, false],
      [1480, 1720, true],
      [1720, 1864, false],
    ];
    for (const chunk of [1, 7, 240, 100_000]) expect(seen(chunk)).toEqual(expected);
    expect(() => new FrameJudge(240, -50).push(Buffer.alloc(3), () => {})).toThrow(
      'PCM16 chunks hold whole samples, got 3 bytes',
    );
  });
});

describe('SilenceMapper', () => {
  it('lists silences of at least the threshold, leading and trailing ones too, and counts the rest as speech', () => {
    const mapper = new SilenceMapper({ minSilenceMs: 1000 });
    for (const piece of [quiet(1.5), tone(2), quiet(0.99), tone(1), quiet(3), tone(0.5), quiet(1)]) mapper.push(piece);
    expect(mapper.end()).toEqual({
      totalSamples: S(9.99),
      speechSamples: S(9.99 - 5.5),
      silences: [
        { from: 0, to: S(1.5) },
        { from: S(5.49), to: S(8.49) },
        { from: S(8.99), to: S(9.99) },
      ],
    });
  });

  it('maps an empty input and an input without silence', async () => {
    expect(new SilenceMapper().end()).toEqual({ totalSamples: 0, speechSamples: 0, silences: [] });
    async function* one() {
      yield tone(3);
    }
    expect(await mapSilences(one())).toEqual({ totalSamples: S(3), speechSamples: S(3), silences: [] });
  });

  it('finds exactly the pauses of a varied tonecode corpus, in one streaming pass', () => {
    const corpus = { count: 80, pauses: 'varied' as const, seed: 9, trailingSilenceMs: 0 };
    const mapper = new SilenceMapper({ minSilenceMs: 1000 });
    for (const chunk of synthesizeCorpusChunks(corpus, 1000))
      mapper.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const map = mapper.end();
    const t = corpusTimings(corpus);
    // From the end of a sentence's last tone to the first tone of the next: gap and pause.
    expect(map.silences).toEqual(t.slice(1).map((next, i) => ({ from: S(t[i]!.endSec), to: S(next.startSec) })));
  });
});
