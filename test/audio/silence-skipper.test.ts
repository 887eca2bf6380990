import { describe, expect, it } from 'vitest';
import {
  SilenceSkipper,
  resolveSilenceSkip,
  type SilenceSkipOptions,
  type SkipDecision,
} from '../../src/audio/silence-skipper.js';
import { corpusTimings, synthesizeCorpus } from '../../src/tonecode/index.js';

const S = (sec: number) => Math.round(sec * 24_000);

// PCM16 mono 24 kHz from [seconds, level] pieces: level a peak amplitude (0..1), 0 = digital silence.
function signal(...pieces: [number, number][]): Buffer {
  const total = pieces.reduce((sum, [sec]) => sum + S(sec), 0);
  const out = Buffer.alloc(total * 2);
  let at = 0;
  for (const [sec, level] of pieces) {
    for (let i = 0; i < S(sec); i++)
      out.writeInt16LE(Math.round(level * 32767 * Math.sin((2 * Math.PI * 1000 * i) / 24_000)), (at + i) * 2);
    at += S(sec);
  }
  return out;
}

interface Outcome {
  audio: [number, number][];
  skips: [number, number][];
  decisions: SkipDecision[];
}

// Feeds `pcm` in chunks of `chunk` samples and merges adjacent audio into ranges.
function run(pcm: Buffer, chunk: number, options: SilenceSkipOptions = {}, origin = 0): Outcome {
  const skipper = new SilenceSkipper(options, origin);
  const decisions: SkipDecision[] = [];
  for (let at = 0; at < pcm.length; at += chunk * 2)
    decisions.push(...skipper.push(origin + at / 2, pcm.subarray(at, at + chunk * 2)));
  decisions.push(...skipper.end());
  const audio: [number, number][] = [];
  const skips: [number, number][] = [];
  let next = origin;
  for (const d of decisions) {
    const [from, to] = d.type === 'skip' ? [d.from, d.to] : [d.inputStart, d.inputStart + d.pcm.length / 2];
    // Every sample exactly once, in order, and sent audio is the input's own bytes.
    expect(from).toBe(next);
    expect(to).toBeGreaterThan(from);
    next = to;
    if (d.type === 'skip') skips.push([from, to]);
    else {
      expect(d.pcm.equals(pcm.subarray((from - origin) * 2, (to - origin) * 2))).toBe(true);
      const last = audio[audio.length - 1];
      if (last && last[1] === from) last[1] = to;
      else audio.push([from, to]);
    }
  }
  expect(next).toBe(origin + pcm.length / 2);
  return { audio, skips, decisions };
}

// Odd sizes split frames; 10 M samples is one chunk for the whole signal.
const CHUNKS = [37, 240, 961, 24_000, 10_000_000];

describe('SilenceSkipper', () => {
  it('sends a silence shorter than the threshold whole', () => {
    const pcm = signal([1, 0.1], [1.5, 0], [1, 0.1]);
    for (const chunk of CHUNKS) expect(run(pcm, chunk)).toMatchObject({ audio: [[0, S(3.5)]], skips: [] });
  });

  it('keeps the start (700 ms) and the end (300 ms) of a long silence and skips the rest', () => {
    const pcm = signal([1, 0.1], [5, 0], [1, 0.1]);
    for (const chunk of CHUNKS) {
      expect(run(pcm, chunk)).toMatchObject({
        audio: [
          [0, S(1.7)],
          [S(5.7), S(7)],
        ],
        skips: [[S(1.7), S(5.7)]],
      });
    }
  });

  it('decides the same sample by sample', () => {
    const pcm = signal([0.3, 0.1], [2.5, 0], [0.3, 0.1]);
    expect(run(pcm, 1)).toMatchObject({
      audio: [
        [0, S(1.0)],
        [S(2.5), S(3.1)],
      ],
      skips: [[S(1.0), S(2.5)]],
    });
  });

  it('reports one skip per silence, before the audio that follows it', () => {
    const pcm = signal([1, 0.1], [3, 0], [0.5, 0.1], [4, 0], [0.5, 0.1]);
    const { decisions } = run(pcm, 960);
    const kinds = decisions.map((d) => d.type).filter((t, i, all) => t !== all[i - 1]);
    expect(kinds).toEqual(['audio', 'skip', 'audio', 'skip', 'audio']);
    expect(run(pcm, 960).skips).toEqual([
      [S(1.7), S(3.7)],
      [S(5.2), S(8.2)],
    ]);
  });

  it('skips a leading silence up to the prefix, and a trailing one after the kept start', () => {
    const pcm = signal([5, 0], [1, 0.1], [5, 0]);
    for (const chunk of CHUNKS)
      expect(run(pcm, chunk)).toMatchObject({
        audio: [[S(4.7), S(6.7)]],
        skips: [
          [0, S(4.7)],
          [S(6.7), S(11)],
        ],
      });
  });

  it('skips an input that is all silence, and keeps nothing of it', () => {
    expect(run(signal([10, 0]), 960)).toMatchObject({ audio: [], skips: [[0, S(10)]] });
    expect(run(Buffer.alloc(0), 960)).toMatchObject({ audio: [], skips: [] });
  });

  it('never loses a quiet onset: a word just above −50 dBFS after a long silence keeps its prefix', () => {
    // Peak 0.0045 is an RMS of −50 + 0.05 dBFS; 0.004 is below the threshold, so counts as silence.
    const pcm = signal([1, 0.1], [4, 0.004], [0.2, 0.0045], [1, 0.1]);
    expect(run(pcm, 480)).toMatchObject({
      audio: [
        [0, S(1.7)],
        [S(4.7), S(6.2)],
      ],
      skips: [[S(1.7), S(4.7)]],
    });
  });

  it('treats noise below the threshold as silence and a level at it as sound', () => {
    const quiet = run(signal([1, 0.1], [4, 0.004], [1, 0.1]), 960);
    expect(quiet.skips).toEqual([[S(1.7), S(4.7)]]);
    const loud = run(signal([1, 0.1], [4, 0.0045], [1, 0.1]), 960);
    expect(loud.skips).toEqual([]);
  });

  it('follows its options: threshold, kept pieces, frame', () => {
    const pcm = signal([1, 0.1], [1.5, 0], [1, 0.1]);
    expect(run(pcm, 960, { minSilenceMs: 1000, keepMs: 550, prefixMs: 200 }).skips).toEqual([[S(1.55), S(2.3)]]);
    // At −20 dBFS the −23 dBFS tone is silence: everything goes.
    expect(run(pcm, 960, { silenceDbfs: -20 }).skips).toEqual([[0, S(3.5)]]);
    // 20 ms frames, counted from the first sample: the frames holding the tone's last and first
    // samples (1.00–1.02 s, 4.00–4.02 s) are sound, so the silence is judged as 1.02–4.00 s.
    expect(run(signal([1.01, 0.1], [3, 0], [1, 0.1]), 960, { frameMs: 20 }).skips).toEqual([
      [S(1.02) + S(0.7), S(4.0) - S(0.3)],
    ]);
  });

  it('counts from its origin: a resumed run gets the same ranges, shifted', () => {
    const pcm = signal([1, 0.1], [5, 0], [1, 0.1]);
    const origin = S(100);
    expect(run(pcm, 960, {}, origin)).toMatchObject({
      audio: [
        [origin, origin + S(1.7)],
        [origin + S(5.7), origin + S(7)],
      ],
      skips: [[origin + S(1.7), origin + S(5.7)]],
    });
  });

  it('holds back at most the undecided stretch of a silence, however long it is', () => {
    const skipper = new SilenceSkipper();
    let at = 0;
    let most = 0;
    const tone = signal([1, 0.1]);
    skipper.push(at, tone);
    at += tone.length / 2;
    const silence = Buffer.alloc(960 * 2);
    for (let i = 0; i < 2500; i++) {
      skipper.push(at, silence);
      at += 960;
      most = Math.max(most, skipper.heldSamples);
    }
    // While the silence may still be short, what lies past the kept 0.7 s: at most 1.3 s less the
    // chunk that makes it long (and decides it at once); then only the prefix.
    expect(most).toBe(S(1.3) - 960);
    expect(skipper.heldSamples).toBe(S(0.3));
  });

  it('copies what it holds: the caller may reuse its chunk buffer', () => {
    const pcm = signal([1, 0.1], [1.5, 0], [1, 0.1]);
    const skipper = new SilenceSkipper();
    const buffer = Buffer.alloc(960 * 2);
    const sent: Buffer[] = [];
    for (let at = 0; at < pcm.length; at += buffer.length) {
      pcm.copy(buffer, 0, at, at + buffer.length);
      for (const d of skipper.push(at / 2, buffer.subarray(0, Math.min(buffer.length, pcm.length - at)))) {
        if (d.type === 'audio') sent.push(Buffer.from(d.pcm));
      }
      buffer.fill(0x55);
    }
    for (const d of skipper.end()) if (d.type === 'audio') sent.push(Buffer.from(d.pcm));
    expect(Buffer.concat(sent).equals(pcm)).toBe(true);
  });

  it('refuses chunks that are not contiguous, and options that leave nothing to skip', () => {
    const skipper = new SilenceSkipper({}, 480);
    expect(() => skipper.push(0, Buffer.alloc(4))).toThrow(
      'silence skipping: chunks must be contiguous, expected input sample 480, got 0',
    );
    expect(() => resolveSilenceSkip({ minSilenceMs: 1000 })).toThrow(
      'silence skipping: minSilenceMs (1000) must exceed keepMs + prefixMs (1000)',
    );
    expect(() => resolveSilenceSkip({ keepMs: -1 })).toThrow(
      'silence skipping: keepMs must be a duration of 0 ms or more, got -1',
    );
  });
});

describe('SilenceSkipper on tonecode', () => {
  it('keeps every sentence whole and skips exactly the middle of each long pause', () => {
    const corpus = { count: 12, pauseMs: 3000, leadingSilenceMs: 4000, trailingSilenceMs: 2500 };
    const { pcm } = synthesizeCorpus(corpus);
    const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    const timings = corpusTimings(corpus);
    const starts = timings.map((t) => S(t.startSec));
    const ends = timings.map((t) => S(t.endSec));
    for (const chunk of [480, 960, 1200]) {
      const { audio, skips } = run(bytes, chunk);
      const expectedSkips: [number, number][] = [[0, starts[0]! - S(0.3)]];
      for (let i = 0; i + 1 < timings.length; i++) expectedSkips.push([ends[i]! + S(0.7), starts[i + 1]! - S(0.3)]);
      // The last word's 80 ms gap and the 2.5 s trailing silence: long, and nothing follows.
      expectedSkips.push([ends[ends.length - 1]! + S(0.7), bytes.length / 2]);
      expect(skips).toEqual(expectedSkips);
      for (let i = 0; i < timings.length; i++) expect(audio[i]).toEqual([starts[i]! - S(0.3), ends[i]! + S(0.7)]);
    }
  });

  it('keeps every sentence of the varied-pause corpus whole, and cuts only inside pauses', () => {
    const corpus = { count: 60, pauses: 'varied' as const, seed: 5 };
    const { pcm } = synthesizeCorpus(corpus);
    const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    const timings = corpusTimings(corpus);
    const { audio, skips } = run(bytes, 960, { minSilenceMs: 1000, keepMs: 300, prefixMs: 200 });
    for (const t of timings) {
      const holder = audio.find(
        ([from, to]) => from <= Math.max(0, S(t.startSec) - S(0.2)) && S(t.endSec) + S(0.3) <= to,
      );
      expect(holder, `sentence ${t.index}`).toBeDefined();
    }
    for (const [from, to] of skips) {
      const pause = timings.findIndex(
        (t, i) => S(t.endSec) + S(0.3) === from && to === S(timings[i + 1]!.startSec) - S(0.2),
      );
      expect(pause, `skip ${from}..${to}`).toBeGreaterThanOrEqual(0);
    }
    // Every pause of 1 s or more after the 80 ms word gap is cut: here all of them.
    expect(skips.length).toBe(timings.length - 1);
  });
});
