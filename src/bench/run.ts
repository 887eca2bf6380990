// `npm run bench`: the numbers behind the claims (pace, drift, memory, throughput), measured on
// this machine against the built-in emulator over a real loopback WebSocket. Prints a table;
// asserts nothing (the machine is shared and noisy: numbers go in notes, not in tests).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transcribe, type Connect, type TranscribeOptions } from '../index.js';
import { connectWebSocket } from '../realtime/index.js';
import { startEmulator } from '../emulator/index.js';
import { checkTranscript, corpusDurationSec, writeCorpusFile } from '../tonecode/index.js';
import { decodeToPcm } from '../audio/decode.js';
import { locateFfmpeg } from '../audio/ffmpeg-locate.js';
import { measureSchedule } from '../audio/pacer.js';

interface Row {
  name: string;
  value: string;
}
const rows: Row[] = [];
const report = (name: string, value: string) => {
  rows.push({ name, value });
  process.stderr.write(`  ${name}: ${value}\n`);
};

// Wraps the real transport to timestamp every append as it leaves.
function timingConnect(sendTimes: number[]): Connect {
  return async (request) => {
    const transport = await connectWebSocket(request);
    const send = transport.send.bind(transport);
    transport.send = (event) => {
      if (event.type === 'input_audio_buffer.append') sendTimes.push(performance.now());
      send(event);
    };
    return transport;
  };
}

// The emulator in its own process, as a real service would be: it must not share (and disturb)
// the event loop whose pacing is being measured.
async function startEmulatorProcess(timeScale: number): Promise<{ url: string; key: string; close(): Promise<void> }> {
  const bin = fileURLToPath(new URL('../../bin/realtime-transcribe.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'emulate', '--time-scale', String(timeScale), '--seed', '1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const ready = await new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.stdout.on('data', (text: string) => {
      out += text;
      const url = /url: (\S+)/.exec(out)?.[1];
      const key = /key: (\S+)/.exec(out)?.[1];
      if (url && key) resolve({ url, key });
    });
    child.on('exit', () => reject(new Error(`emulator exited: ${out}`)));
  });
  return {
    ...ready,
    close: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

async function runCorpus(path: string, speed: number, count: number, extra: Partial<TranscribeOptions> = {}, sendTimes: number[] = []) {
  const emulator = await startEmulatorProcess(speed);
  const lines: string[] = [];
  let peakRss = 0;
  const baseRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const started = performance.now();
  try {
    const run = transcribe(path, {
      endpoint: emulator.url,
      apiKey: emulator.key,
      deployment: 'bench',
      speed,
      connect: timingConnect(sendTimes),
      ...extra,
    });
    let summary;
    for await (const event of run) {
      if (event.type === 'segment') lines.push(event.segment.text);
      if (event.type === 'done') summary = event.summary;
    }
    const wallSec = (performance.now() - started) / 1000;
    return { lines, wallSec, summary: summary!, peakRssMb: (peakRss - baseRss) / 2 ** 20, check: checkTranscript(lines, { count }) };
  } finally {
    clearInterval(sampler);
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rt-bench-'));
  try {
    if (wanted('schedule')) await benchSchedule(dir);
    if (wanted('long')) await benchLongRun(dir);
    if (wanted('decode')) await benchDecode(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(rows.map((row) => `${row.name}\t${row.value}`).join('\n') + '\n');
}

// `npm run bench -- schedule decode` runs only those sections.
const only = process.argv.slice(2);
const wanted = (section: string) => only.length === 0 || only.includes(section);

async function benchSchedule(dir: string): Promise<void> {
    process.stderr.write('send schedule: 10-minute corpus, --speed 20, 40 ms chunks\n');
    const tenMinutes = join(dir, 'ten.wav');
    await writeCorpusFile(tenMinutes, { count: 250 });
    const sendTimes: number[] = [];
    const paced = await runCorpus(tenMinutes, 20, 250, {}, sendTimes);
    const interval = 40 / 20;
    const schedule = measureSchedule(sendTimes, interval);
    report('chunks sent', String(schedule.count));
    report('max drift from the ideal schedule', `${schedule.maxDriftMs.toFixed(2)} ms (one chunk = ${interval} ms)`);
    report('final drift', `${schedule.finalDriftMs.toFixed(2)} ms`);
    const drifts = sendTimes.map((at, i) => Math.abs(at - sendTimes[0]! - i * interval)).sort((a, b) => a - b);
    const pct = (p: number) => drifts[Math.min(drifts.length - 1, Math.floor((p / 100) * drifts.length))]!.toFixed(2);
    report('drift percentiles', `p50 ${pct(50)} ms, p99 ${pct(99)} ms, p99.9 ${pct(99.9)} ms; chunks later than one interval: ${drifts.filter((d) => d > interval).length}`);
    report('min gap between chunks', `${schedule.minGapMs.toFixed(3)} ms (half a chunk = ${interval / 2} ms)`);
    report('mean gap', `${schedule.meanGapMs.toFixed(4)} ms`);
    report('transcript', paced.check.ok ? `exact (${paced.lines.length} sentences)` : 'NOT exact');
}

async function benchLongRun(dir: string): Promise<void> {
    process.stderr.write('long run: 60-minute corpus at --speed 100, drops every 2–6 min of service time\n');
    const hour = join(dir, 'hour.wav');
    await writeCorpusFile(hour, { count: 1500 });
    const seconds = corpusDurationSec({ count: 1500 });
    const emulatorDrops = await (async () => {
      const emulator = await startEmulator({ timeScale: 100, seed: 2, faults: { drop: { betweenMs: [120_000, 360_000] } } });
      const started = performance.now();
      let peak = 0;
      const base = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
      const lines: string[] = [];
      let summary;
      try {
        for await (const event of transcribe(hour, { endpoint: emulator.url, apiKey: emulator.key, deployment: 'bench', speed: 100 })) {
          if (event.type === 'segment') lines.push(event.segment.text);
          if (event.type === 'done') summary = event.summary;
        }
      } finally {
        clearInterval(sampler);
      }
      const stats = emulator.stats();
      await emulator.close();
      return { wallSec: (performance.now() - started) / 1000, peakMb: (peak - base) / 2 ** 20, lines, summary: summary!, drops: stats.drops };
    })();
    const check = checkTranscript(emulatorDrops.lines, { count: 1500 });
    report('audio', `${(seconds / 60).toFixed(1)} min in ${emulatorDrops.wallSec.toFixed(1)} s wall (×${(seconds / emulatorDrops.wallSec).toFixed(1)})`);
    report('drops survived', `${emulatorDrops.drops} (resumes ${emulatorDrops.summary.resumes}, re-sent ${emulatorDrops.summary.resentSec.toFixed(1)} s)`);
    report('transcript', check.ok ? `exact (${emulatorDrops.lines.length} sentences)` : `NOT exact: ${check.missing.length} missing, ${check.duplicated.length} duplicated`);
    report('peak RSS growth over the run', `${emulatorDrops.peakMb.toFixed(1)} MiB (the input file is ${((seconds * 48_000) / 2 ** 20).toFixed(0)} MiB of PCM)`);
}

async function benchDecode(dir: string): Promise<void> {
    process.stderr.write('decode: ffmpeg to PCM16 mono 24 kHz\n');
    const ffmpeg = locateFfmpeg().path;
    for (const [name, format] of [['wav 44.1 kHz stereo', 'wav'], ['mp3 128 kbps', 'mp3']] as const) {
      const file = join(dir, `decode.${format}`);
      await writeCorpusFile(file, { count: 250, sampleRate: 44_100, channels: 2, format });
      const started = performance.now();
      const decoded = decodeToPcm({ input: file, ffmpegPath: ffmpeg });
      let bytes = 0;
      for await (const chunk of decoded.pcm) bytes += chunk.length;
      await decoded.finished;
      const wall = (performance.now() - started) / 1000;
      report(`decode ${name}`, `${(bytes / 48_000 / wall).toFixed(0)}× real time`);
    }
}

await main();
