// One input as several spans at once (issue: parallel sessions per file), on the virtual clock
// against the in-process emulator: each span its own session machinery at real-time pace, the
// stitcher joining them in input order, exactly once across the seams, under one session limit.
import { describe, expect, it } from 'vitest';
import { startInProcessEmulator, VirtualClock, type EmulatorOptions } from '../../../src/emulator/index.js';
import {
  checkTranscript,
  formatCheckReport,
  synthesizeCorpus,
  type CorpusOptions,
} from '../../../src/tonecode/index.js';
import { mapSpeech } from '../../../src/speech/speech-map.js';
import { defaultDetectorSettings, loadDetector } from '../../../src/speech/detector.js';
import { FRAME_SAMPLES } from '../../../src/speech/tracker.js';
import { planSpans } from '../../../src/transcriber/spans/plan.js';
import { SpanRuns } from '../../../src/transcriber/spans/runs.js';
import { createAimdGate } from '../../../src/transcriber/gate/aimd-gate.js';
import { resolveEndpoint } from '../../../src/realtime/endpoint.js';
import { resolvePolicy } from '../../../src/run/policy.js';
import { noEventLog } from '../../../src/transcriber/event-log.js';
import type { Segment, TranscribeEvent } from '../../../src/index.js';

async function* slice(pcm: Int16Array, start: number, end: number): AsyncIterable<Buffer> {
  for (let at = start; at < end; at += 24_000) {
    const part = pcm.subarray(at, Math.min(end, at + 24_000));
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

async function runSpans(
  corpus: CorpusOptions,
  parallel: number,
  options: { emulator?: EmulatorOptions; gateMax?: number } = {},
) {
  const { pcm, sentences } = synthesizeCorpus(corpus);
  const map = await mapSpeech(
    slice(pcm, 0, pcm.length),
    loadDetector(defaultDetectorSettings, FRAME_SAMPLES),
    undefined,
  );
  const spans = planSpans(map, { parallel, minSpanSec: 10 }).map((s) => ({ start: s.start, end: s.end }));
  const clock = new VirtualClock({ limitMs: 6 * 3_600_000 });
  const emulator = startInProcessEmulator({ clock, seed: 2, ...options.emulator });
  const endpoint = resolveEndpoint({ endpoint: emulator.url, apiKey: emulator.key, deployment: 'emulator' }, {});
  const events: TranscribeEvent[] = [];
  const runs = new SpanRuns({
    connect: emulator.connect,
    endpoint,
    clock,
    random: () => 0.5,
    policy: resolvePolicy({}, endpoint).policy,
    emit: (event) => events.push(event),
    eventLog: noEventLog,
    gate: createAimdGate({ max: options.gateMax ?? spans.length + 1, clock }),
  });
  try {
    const summary = await runs.run({
      spans,
      totalSec: pcm.length / 24_000,
      open: async (span) => ({ pcm: slice(pcm, span.start, span.end), finished: Promise.resolve(), stop: () => {} }),
    });
    const segments = events.flatMap((e): Segment[] => (e.type === 'segment' ? [e.segment] : []));
    return { spans, sentences, summary, segments, events, stats: emulator.stats(), virtualMs: clock.now() };
  } finally {
    await emulator.close();
    clock.dispose();
  }
}

describe('parallel spans', () => {
  const corpus: CorpusOptions = { count: 160, pauses: 'varied', seed: 5 };

  it("four spans at once: every sentence exactly once, in order, on the input's clock, in about a quarter of the time", async () => {
    const r = await runSpans(corpus, 4);
    expect(r.spans).toHaveLength(4);
    const check = checkTranscript(
      r.segments.map((s) => s.text),
      { count: 160 },
    );
    expect(check.ok, formatCheckReport(check)).toBe(true);
    const errors = r.segments.map((segment, i) => Math.abs(segment.start - r.sentences[i]!.startSec));
    expect(Math.max(...errors)).toBeLessThan(0.3);
    // Each span at real-time pace of what it sends: the run takes its longest span, not the sum,
    // and the spans are balanced by what they send (the kept edges of pauses too).
    expect(r.virtualMs).toBeLessThan((r.summary.sentSec / 4) * 1000 * 1.15);
    const speechSec = r.sentences.reduce((sum, t) => sum + t.endSec - t.startSec, 0);
    expect(r.summary.sentSec).toBeLessThanOrEqual(speechSec + 0.6 * corpus.count);
    expect(r.stats.maxConcurrent).toBeGreaterThanOrEqual(4);
    expect(r.summary.acknowledgedSec).toBeCloseTo(r.summary.audioSec, 1);
    // The acknowledged offset only moves forward, through every seam.
    const acks = r.events.flatMap((e) => (e.type === 'acknowledged' ? [e.sec] : []));
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    expect(acks.at(-1)).toBeCloseTo(r.summary.audioSec, 1);
  });

  it('through drops every 20–60 s: still exactly once', async () => {
    const r = await runSpans(corpus, 4, { emulator: { faults: { drop: { betweenMs: [20_000, 60_000] } } } });
    const check = checkTranscript(
      r.segments.map((s) => s.text),
      { count: 160 },
    );
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(r.stats.drops).toBeGreaterThanOrEqual(1);
    expect(r.summary.resumes).toBe(r.stats.drops);
  });

  it('progress shows each span: one reconnecting after a drop while the others send, and all done at the end', async () => {
    const r = await runSpans(corpus, 4, { emulator: { faults: { drop: { betweenMs: [20_000, 60_000] } } } });
    const lists = r.events.flatMap((e) => (e.type === 'progress' && e.spans ? [e.spans] : []));
    expect(lists.every((spans) => spans.length === 4)).toBe(true);
    expect(lists.some((spans) => spans.some((s) => s.state === 'reconnecting'))).toBe(true);
    expect(lists.some((spans) => spans.some((s) => s.state === 'done') && spans.some((s) => s.state !== 'done'))).toBe(
      true,
    );
    expect(lists.at(-1)?.map((s) => [s.state, s.sentSec])).toEqual(r.spans.map((s) => ['done', s.end / 24_000]));
  });

  it('a shared limit of two sessions is never exceeded, and the spans still finish exactly', async () => {
    const r = await runSpans(corpus, 4, { gateMax: 2 });
    const check = checkTranscript(
      r.segments.map((s) => s.text),
      { count: 160 },
    );
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(r.stats.maxConcurrent).toBeLessThanOrEqual(2);
  });
});
