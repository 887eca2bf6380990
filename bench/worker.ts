// One bench run in a process of its own, so its CPU time and peak RSS are its alone: reads a
// RunSpec (JSON) from argv, runs one client against the service at `url`, prints a RunResult.
import { transcribe } from '../src/index.js';
import { connectWebSocket } from '../src/realtime/index.js';
import { checkTranscript, writeCorpusWav } from '../src/tonecode/index.js';
import { benchCorpus, corpusPcm } from './corpus-source.js';
import { openJournalProbe, type JournalFigures } from './journal-probe.js';
import { runPlainClient } from './plain-client.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meteredConnect, newWireCounts } from './wire-meter.js';

export type ClientKind = 'tool' | 'plain' | 'plain-once' | 'spans';

export interface RunSpec {
  client: ClientKind;
  url: string;
  key: string;
  /** The certificate to trust for a TLS `url` (given to the worker as NODE_EXTRA_CA_CERTS). */
  caPath?: string;
  hours: number;
  seed: number;
  speed: number;
  /** For 'spans': how many. */
  parallel?: number;
  /** For 'tool': the append size (default the policy's 40 ms). */
  chunkMs?: number;
  /** For 'tool': keep a checkpoint journal, as a file-to-file run does, and measure it. */
  journal?: boolean;
  /** Every this many wall ms, collect garbage and note the live heap (needs --expose-gc). */
  heapEveryMs?: number;
}

export interface RunResult {
  client: ClientKind;
  audioSec: number;
  speechSec: number;
  /** Audio appended, re-sent audio included. */
  sentSec: number;
  /** Input the client got through (all of it, unless it gave up). */
  inputSec: number;
  wallSec: number;
  cpuSec: number;
  peakRssMb: number;
  jitterP50Ms: number;
  jitterP99Ms: number;
  upBytes: number;
  downBytes: number;
  sentences: number;
  recovered: number;
  duplicated: number;
  exact: boolean;
  sessions: number;
  spans?: number;
  /** With `journal`: the checkpoint's cost, before this round's change and after. */
  journal?: { before: JournalFigures; after: JournalFigures };
  /** CPU of the old journal beside the new one, already taken off cpuSec. */
  legacyJournalCpuSec?: number;
  /** With `heapEveryMs`: the live heap after a full GC, MB, through the run. */
  liveHeapMb?: number[];
  /** The run ended with this error (what was transcribed until then still counts). */
  error?: string;
}

async function main(): Promise<void> {
  const specJson = process.argv[2];
  if (specJson === undefined) throw new Error('bench worker: pass the run spec (JSON) as the first argument');
  const spec = JSON.parse(specJson) as RunSpec;
  const corpus = benchCorpus(spec.hours, spec.seed);
  const counts = newWireCounts(spec.speed);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const liveHeapMb: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapTimer =
    spec.heapEveryMs && gc
      ? setInterval(() => {
          gc();
          liveHeapMb.push(process.memoryUsage().heapUsed / 2 ** 20);
        }, spec.heapEveryMs)
      : undefined;
  let lines: string[];
  let sessions: number;
  let inputSec = corpus.audioSec;
  let error: string | undefined;
  let extra: Partial<RunResult> = {};
  if (spec.client === 'spans') {
    // The library's own path for a long file: one speech-map pass, spans cut in pauses, each
    // span its own session machinery with silence skipping, under one session limit.
    const dir = await mkdtemp(join(tmpdir(), 'rt-bench-'));
    const path = join(dir, 'corpus.wav');
    await writeCorpusWav(path, corpus.options);
    lines = [];
    const run = transcribe(path, {
      endpoint: spec.url,
      apiKey: spec.key,
      deployment: 'bench',
      speed: spec.speed,
      parallel: spec.parallel ?? 8,
      connect: meteredConnect(connectWebSocket, counts),
    });
    try {
      for await (const event of run) if (event.type === 'segment') lines.push(event.segment.text);
    } catch (failure) {
      error = (failure as Error).message;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const summary = await run.summary;
    sessions = summary.sessions;
    extra = { spans: spec.parallel ?? 8 };
  } else if (spec.client === 'tool') {
    lines = [];
    const run = transcribe(
      { pcm: corpusPcm(corpus.options), totalSec: corpus.audioSec },
      {
        endpoint: spec.url,
        apiKey: spec.key,
        deployment: 'bench',
        speed: spec.speed,
        connect: meteredConnect(connectWebSocket, counts),
        ...(spec.chunkMs === undefined ? {} : { chunkMs: spec.chunkMs }),
      },
    );
    const probe = spec.journal ? openJournalProbe() : undefined;
    try {
      for await (const event of run) {
        if (event.type === 'segment') {
          probe?.segment(event.segment);
          lines.push(event.segment.text);
        } else if (event.type === 'acknowledged') probe?.ack(event.sec);
      }
    } catch (failure) {
      error = (failure as Error).message;
    }
    sessions = (await run.summary).sessions;
    if (probe) extra = { journal: probe.finish(), legacyJournalCpuSec: probe.legacyCpuSec };
  } else {
    const plain = await runPlainClient({
      url: spec.url,
      key: spec.key,
      deployment: 'bench',
      pcm: corpusPcm(corpus.options),
      speed: spec.speed,
      reconnect: spec.client === 'plain',
      counts,
    });
    lines = plain.transcripts;
    sessions = plain.sessions;
    inputSec = plain.inputSec;
  }
  const wallSec = (performance.now() - started) / 1000;
  if (heapTimer) {
    clearInterval(heapTimer);
    extra.liveHeapMb = liveHeapMb.map((mb) => Math.round(mb * 10) / 10);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const check = checkTranscript(lines, { count: corpus.count });
  const damaged = new Set(check.damaged.map((d) => d.index));
  const recovered = new Set(check.found.filter((i) => !damaged.has(i))).size;
  const result: RunResult = {
    client: spec.client,
    audioSec: corpus.audioSec,
    speechSec: corpus.speechSec,
    sentSec: counts.appendedMs / 1000,
    inputSec,
    wallSec,
    cpuSec: (cpu.user + cpu.system) / 1e6 - (extra.legacyJournalCpuSec ?? 0),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    jitterP50Ms: counts.sendErrors.percentile(50),
    jitterP99Ms: counts.sendErrors.percentile(99),
    upBytes: counts.upBytes,
    downBytes: counts.downBytes,
    sentences: corpus.count,
    recovered,
    duplicated: check.duplicated.length,
    exact: check.ok,
    sessions,
    ...extra,
    ...(error === undefined ? {} : { error }),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
