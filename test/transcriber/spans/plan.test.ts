import { describe, expect, it } from 'vitest';
import { planSpans, type Span, type SpanPlanInput } from '../../../src/transcriber/spans/plan.js';
import type { Range as Silence } from '../../../src/speech/skip-plan.js';
import { mulberry32 } from '../../../src/util/random.js';

const S = (sec: number) => Math.round(sec * 24_000);

// Speech and silence alternating, seconds: [speech, silence, speech, …]; a leading 0 starts silent.
function layout(...secs: number[]): SpanPlanInput {
  const silences: Silence[] = [];
  let at = 0;
  secs.forEach((sec, i) => {
    if (i % 2 === 1 && sec > 0) silences.push({ from: at, to: at + S(sec) });
    at += S(sec);
  });
  return { totalSamples: at, silences };
}

const bounds = (spans: Span[]) => spans.map((s) => [s.start, s.end]);

describe('planSpans', () => {
  it('cuts at the middle of the longest silence near each ideal cut', () => {
    // 400 s of speech; the ideal cut for 2 spans is after 200 s of it. Within ±20 s of speech (the
    // default tolerance, a tenth of a span) lie the 2 s silence (after 200 s of speech) and the
    // 9 s one (after 210 s): the longer wins.
    const map = layout(100, 3, 50, 4, 50, 2, 10, 9, 40, 5, 50, 3, 50, 1, 50);
    const spans = planSpans(map, { parallel: 2, minSpanSec: 10 });
    const nine = map.silences[3]!;
    expect(bounds(spans)).toEqual([
      [0, (nine.from + nine.to) / 2],
      [(nine.from + nine.to) / 2, map.totalSamples],
    ]);
    expect(spans.map((s) => s.speechSamples)).toEqual([S(210), S(190)]);
    // With no tolerance, the nearest silence.
    const two = map.silences[2]!;
    expect(planSpans(map, { parallel: 2, minSpanSec: 10, tolerance: 0 })[0]!.end).toBe((two.from + two.to) / 2);
  });

  it('is one span when there is no silence, the file is small, or one span is asked for', () => {
    expect(bounds(planSpans({ totalSamples: S(3600), silences: [] }, { parallel: 8 }))).toEqual([[0, S(3600)]]);
    expect(bounds(planSpans(layout(20, 2, 20, 2, 15), { parallel: 8 }))).toEqual([[0, S(59)]]);
    expect(bounds(planSpans(layout(100, 2, 100, 2, 100), { parallel: 1 }))).toEqual([[0, S(304)]]);
    expect(planSpans({ totalSamples: 0, silences: [] }, { parallel: 4 })).toEqual([
      { index: 0, start: 0, end: 0, speechSamples: 0 },
    ]);
  });

  it('makes no more spans than there are silences to cut at, and never cuts a leading or trailing silence', () => {
    const map = layout(0, 30, 100, 2, 100, 40);
    const spans = planSpans(map, { parallel: 8 });
    expect(bounds(spans)).toEqual([
      [0, S(131)],
      [S(131), S(272)],
    ]);
    expect(spans.map((s) => s.speechSamples)).toEqual([S(100), S(100)]);
    // Only leading and trailing silence: nowhere to cut.
    expect(bounds(planSpans(layout(0, 30, 500, 40), { parallel: 8 }))).toEqual([[0, S(570)]]);
  });

  it('balances what the spans send, with the kept edges of each silence, when asked to', () => {
    // 200 s of speech either side of the middle; the first half has 40 pauses, the second 4. By
    // speech alone the cut is in the middle; at 0.6 s sent per pause, the first half sends 24 s
    // more, so the cut moves back by about half of that.
    const first = Array.from({ length: 40 }, () => [5, 1.5]).flat();
    const second = [50, 2, 50, 2, 50, 2, 50];
    const map = layout(...first, 0, 0, ...second.slice(0));
    const bySpeech = planSpans(map, { parallel: 2, minSpanSec: 10, tolerance: 0 });
    const bySent = planSpans(map, { parallel: 2, minSpanSec: 10, tolerance: 0, keptPerSilenceMs: 600 });
    const sentOf = (span: Span) =>
      span.speechSamples / 24_000 + 0.6 * map.silences.filter((x) => x.from >= span.start && x.to <= span.end).length;
    const [a, b] = bySent.map(sentOf);
    const [c, d] = bySpeech.map(sentOf);
    expect(Math.abs(a! - b!)).toBeLessThan(6); // within one speech run of the ideal cut
    expect(Math.abs(c! - d!)).toBeGreaterThan(18);
    expect(bySent[0]!.end).toBeLessThan(bySpeech[0]!.end);
    expect(() => planSpans(map, { parallel: 2, keptPerSilenceMs: -1 })).toThrow(
      'planSpans: keptPerSilenceMs must be 0 or more, got -1',
    );
  });

  it('refuses maps and options it cannot plan', () => {
    expect(() => planSpans({ totalSamples: 10, silences: [{ from: 5, to: 3 }] }, { parallel: 2 })).toThrow(
      'planSpans: silences must be in order, apart and within the input, got 5..3 after 0',
    );
    expect(() => planSpans({ totalSamples: 10, silences: [] }, { parallel: 0 })).toThrow(
      'planSpans: parallel must be a whole number, 1 or more, got 0',
    );
  });

  // Seeded random speech (0.5–6 s) and pauses (1–2 s, one in eight 5–20 s), 10 min to 3 h.
  function randomMap(seed: number): { map: SpanPlanInput; longestSpeech: number } {
    const random = mulberry32(seed);
    const total = S(600 + random() * 10_200);
    const silences: Silence[] = [];
    let at = random() < 0.5 ? S(random() * 30) : 0;
    if (at > 0) silences.push({ from: 0, to: at });
    let longestSpeech = 0;
    while (at < total) {
      const speech = S(0.5 + random() * 5.5);
      longestSpeech = Math.max(longestSpeech, speech);
      const pause = S(random() < 1 / 8 ? 5 + random() * 15 : 1 + random() * 1);
      if (at + speech + pause >= total) break;
      silences.push({ from: at + speech, to: at + speech + pause });
      at += speech + pause;
    }
    return { map: { totalSamples: total, silences }, longestSpeech };
  }

  it('on a thousand random files: contiguous spans over [0, total), cuts inside silences, speech balanced', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const { map, longestSpeech } = randomMap(seed);
      const parallel = 1 + (seed % 12);
      const spans = planSpans(map, { parallel, minSpanSec: 30 });
      const speech = map.totalSamples - map.silences.reduce((sum, s) => sum + s.to - s.from, 0);
      expect(spans[0]!.start).toBe(0);
      expect(spans[spans.length - 1]!.end).toBe(map.totalSamples);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]!.start).toBe(spans[i - 1]!.end);
        const cut = spans[i]!.start;
        const inside = map.silences.find((s) => s.from < cut && cut < s.to && s.from > 0 && s.to < map.totalSamples);
        expect(inside, `seed ${seed}: cut ${cut}`).toBeDefined();
        expect(cut).toBe(Math.floor((inside!.from + inside!.to) / 2));
      }
      expect(spans.reduce((sum, s) => sum + s.speechSamples, 0)).toBe(speech);
      expect(spans.length).toBe(Math.min(parallel, Math.floor(speech / S(30))) || 1);
      // Each cut lands within the window (a tenth of a span's speech) or, where the window holds
      // no silence, within half the longest speech between two silences: a span's speech is off
      // by at most twice that.
      const perSpan = speech / spans.length;
      const slack = 2 * Math.max(0.1 * perSpan, longestSpeech / 2);
      for (const span of spans)
        expect(Math.abs(span.speechSamples - perSpan), `seed ${seed}`).toBeLessThanOrEqual(slack);
    }
  });
});
