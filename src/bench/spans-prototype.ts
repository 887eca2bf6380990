// A preview of issue 12's fast path, wired in the bench only (the transcriber will do it for
// real): one streaming pass maps the silences, planSpans cuts the input into N spans, and each span
// goes through the SilenceSkipper into its own transcribe() run, all at once under one AIMD gate.
// The skipped audio is simply not given to the run, so its timestamps are on the sent clock, not
// the input's: only the text is checked here. What it measures is what the building blocks
// promise: audio sent, wall time against the real-time limit, every sentence exactly once.
import { SilenceMapper } from '../audio/silence-map.js';
import { SilenceSkipper, type SilenceSkipOptions } from '../audio/silence-skipper.js';
import { transcribe, type Connect } from '../index.js';
import { createAimdGate } from '../transcriber/aimd-gate.js';
import { planSpans, type Span } from '../transcriber/span-plan.js';
import { corpusTimings, type CorpusOptions } from '../tonecode/index.js';
import { corpusPcm } from './corpus-source.js';

// Pauses of 1 s and more are cut to 0.4 s after the sentence and 0.2 s before the next: the
// emulator's VAD sees 0.6 s of silence (it closes a turn at 0.5 s), and each sentence costs its
// speech plus 0.6 s.
export const PROTOTYPE_SKIP: SilenceSkipOptions = { minSilenceMs: 900, keepMs: 400, prefixMs: 200 };

export interface PrototypeOptions {
  corpus: CorpusOptions;
  parallel: number;
  url: string;
  key: string;
  speed: number;
  connect: Connect;
}

export interface PrototypeResult {
  lines: string[];
  spans: number;
  sessions: number;
  /** CPU of the silence-map pass alone. */
  mapCpuSec: number;
}

export async function runPrototype(o: PrototypeOptions): Promise<PrototypeResult> {
  const cpu = process.cpuUsage();
  const mapper = new SilenceMapper({ minSilenceMs: 1000 });
  for await (const chunk of corpusPcm(o.corpus, 1000)) mapper.push(chunk);
  const map = mapper.end();
  const mapCpu = process.cpuUsage(cpu);
  const spans = planSpans(map, { parallel: o.parallel });
  const gate = createAimdGate({ max: spans.length + 1 });
  const timings = corpusTimings(o.corpus);
  const results = await Promise.all(
    spans.map(async (span) => {
      const lines: string[] = [];
      const run = transcribe(
        { pcm: skipped(spanPcm(o.corpus, timings, span), span.start) },
        { endpoint: o.url, apiKey: o.key, deployment: 'bench', speed: o.speed, connect: o.connect, sessionGate: gate },
      );
      for await (const event of run) if (event.type === 'segment') lines.push(event.segment.text);
      return { lines, sessions: (await run.summary).sessions };
    }),
  );
  return {
    lines: results.flatMap((r) => r.lines),
    spans: spans.length,
    sessions: results.reduce((sum, r) => sum + r.sessions, 0),
    mapCpuSec: (mapCpu.user + mapCpu.system) / 1e6,
  };
}

// The span's audio, made as the sub-corpus it is: the sentences inside it, with the parts of the
// pauses around them as leading and trailing silence (cuts fall in pauses, between sentences).
function spanPcm(corpus: CorpusOptions, timings: ReturnType<typeof corpusTimings>, span: Span): AsyncGenerator<Buffer> {
  const at = (sec: number) => Math.round(sec * 24_000);
  const inside = timings.filter((t) => at(t.startSec) >= span.start && at(t.endSec) <= span.end);
  const first = inside[0]!;
  const last = inside[inside.length - 1]!;
  const trailStart = at(last.endSec) + at(0.08); // after the last word's gap
  return corpusPcm({
    ...corpus,
    first: first.index,
    count: inside.length,
    leadingSilenceMs: ((at(first.startSec) - span.start) * 1000) / 24_000,
    trailingSilenceMs: ((span.end - trailStart) * 1000) / 24_000,
  });
}

async function* skipped(pcm: AsyncIterable<Buffer>, origin: number): AsyncGenerator<Buffer> {
  const skipper = new SilenceSkipper(PROTOTYPE_SKIP, origin);
  let at = origin;
  for await (const chunk of pcm) {
    for (const decision of skipper.push(at, chunk)) if (decision.type === 'audio') yield decision.pcm;
    at += chunk.length / 2;
  }
  for (const decision of skipper.end()) if (decision.type === 'audio') yield decision.pcm;
}
