// Every speech detector setting over the speech corpus, through the run's own tracker and skip plan
// (src/speech/speech-map.ts): speech a run would not send (ground-truth speech inside a skipped
// pause), non-speech it would send, and the CPU of the pass per audio hour. The numbers behind the
// detector table in docs/bench.md; `npm run bench:speech` (after `npm run build`, which builds nothing
// used here but keeps the bench commands alike).
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { loadDetector, type DetectorSettings } from '../../src/speech/detector.js';
import { SpeechMapper } from '../../src/speech/speech-map.js';
import { FRAME_SAMPLES } from '../../src/speech/tracker.js';
import { corpusEntry, corpusNames } from '../helpers/speech-corpus.js';
import { decodeInput } from '../helpers/speech-delivery.js';
import { SAMPLE_RATE as S } from '../../src/audio/pcm-format.js'; // samples per second

const SETTINGS: DetectorSettings[] = [
  { detector: 'webrtc', sensitivity: 'high' },
  { detector: 'webrtc', sensitivity: 'normal' },
  { detector: 'webrtc', sensitivity: 'low' },
  { detector: 'energy', sensitivity: 'high' },
  { detector: 'energy', sensitivity: 'normal' },
  { detector: 'energy', sensitivity: 'low' },
  { detector: 'none', sensitivity: 'normal' },
];

interface Row {
  entry: string;
  setting: string;
  audioSec: number;
  speechSec: number;
  lostMs: number;
  nonSpeechSec: number;
  nonSpeechSentSec: number;
  cpuSec: number;
}

// Samples of `a` (sorted, disjoint) that lie under `b` (sorted, disjoint).
function overlap(a: [number, number][], b: { from: number; to: number }[]): number {
  let n = 0;
  let k = 0;
  for (const [start, end] of a) {
    while (k < b.length && (b[k]?.to ?? 0) <= start) k++;
    for (let m = k; m < b.length && (b[m]?.from ?? Infinity) < end; m++) {
      const r = b[m];
      if (r) n += Math.max(0, Math.min(end, r.to) - Math.max(start, r.from));
    }
  }
  return n;
}

it('compares the speech detectors on the corpus', async () => {
  const rows: Row[] = [];
  for (const name of corpusNames()) {
    const entry = await corpusEntry(name);
    const input = await decodeInput(entry.path);
    const pcm = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    for (const settings of SETTINGS) {
      const model = loadDetector(settings, FRAME_SAMPLES);
      const before = process.cpuUsage();
      const mapper = new SpeechMapper(model, undefined);
      for (let at = 0; at < pcm.length; at += 1920) mapper.push(pcm.subarray(at, at + 1920));
      const map = mapper.end();
      const cpu = process.cpuUsage(before);
      const lost = overlap(entry.speech, map.silences);
      const nonSpeech = map.totalSamples - entry.speechSamples;
      rows.push({
        entry: name,
        setting: `${settings.detector} ${settings.sensitivity}`,
        audioSec: map.totalSamples / S,
        speechSec: entry.speechSamples / S,
        lostMs: (lost / S) * 1000,
        nonSpeechSec: nonSpeech / S,
        nonSpeechSentSec: (map.sentSamples - (entry.speechSamples - lost)) / S,
        cpuSec: (cpu.user + cpu.system) / 1e6,
      });
    }
  }
  const lines = [
    '| detector | speech not sent, ms (worst entry) | non-speech sent, s of s | CPU s per audio hour |',
    '|---|---|---|---|',
  ];
  for (const settings of SETTINGS) {
    const setting = `${settings.detector} ${settings.sensitivity}`;
    const mine = rows.filter((r) => r.setting === setting);
    const sum = (pick: (r: Row) => number) => mine.reduce((n, r) => n + pick(r), 0);
    const worst = mine.reduce((a, b) => (b.lostMs > a.lostMs ? b : a));
    const worstText = worst.lostMs > 0 ? ` (${worst.entry} ${worst.lostMs.toFixed(0)})` : '';
    lines.push(
      `| ${setting} | ${sum((r) => r.lostMs).toFixed(0)}${worstText} | ${sum((r) => r.nonSpeechSentSec).toFixed(0)} of ${sum((r) => r.nonSpeechSec).toFixed(0)} | ${((sum((r) => r.cpuSec) / sum((r) => r.audioSec)) * 3600).toFixed(1)} |`,
    );
  }
  const perEntry = ['| entry | speech s | webrtc normal: not sent ms | non-speech sent s of s |', '|---|---|---|---|'];
  for (const r of rows.filter((row) => row.setting === 'webrtc normal')) {
    perEntry.push(
      `| ${r.entry} | ${r.speechSec.toFixed(1)} | ${r.lostMs.toFixed(0)} | ${r.nonSpeechSentSec.toFixed(1)} of ${r.nonSpeechSec.toFixed(1)} |`,
    );
  }
  console.log(`${lines.join('\n')}\n\n${perEntry.join('\n')}`);
  writeFileSync('dist/bench-speech.json', JSON.stringify(rows, null, 1));
});
