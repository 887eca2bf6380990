// ffmpeg's share: CPU seconds per audio hour to decode a file to PCM16 mono 24 kHz. ffmpeg is a
// child process, so its time is read from the shell's `times` (children's user and system time).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { locateFfmpeg } from '../src/audio/ffmpeg-locate.js';
import { writeCorpusFile } from '../src/tonecode/index.js';
import { benchCorpus } from './corpus-source.js';
import { formatTable } from './table.js';

export interface DecodeRow {
  format: string;
  audioSec: number;
  wallSec: number;
  ffmpegCpuSec: number;
}

export async function runDecode(
  dir: string,
  hours: number,
  seed: number,
  log: (line: string) => void,
): Promise<DecodeRow[]> {
  const ffmpeg = locateFfmpeg().path;
  const corpus = benchCorpus(hours, seed);
  const rows: DecodeRow[] = [];
  for (const [format, extra] of [
    ['wav', {}],
    ['mp3', { bitrateKbps: 64 }],
  ] as const) {
    const file = join(dir, `decode.${format}`);
    log(`decode: ${hours} h as ${format}, 44.1 kHz stereo`);
    await writeCorpusFile(file, { ...corpus.options, sampleRate: 44_100, channels: 2, format, ...extra });
    const started = performance.now();
    const cpu = await childCpu(ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-i',
      file,
      '-f',
      's16le',
      '-acodec',
      'pcm_s16le',
      '-ac',
      '1',
      '-ar',
      '24000',
      '-y',
      '/dev/null',
    ]);
    rows.push({ format, audioSec: corpus.audioSec, wallSec: (performance.now() - started) / 1000, ffmpegCpuSec: cpu });
  }
  return rows;
}

// Runs `command` under sh and returns the CPU seconds (user + system) of its children.
function childCpu(command: string, args: string[]): Promise<number> {
  const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('sh', ['-c', `${quoted}; times`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  return new Promise((resolve, reject) => {
    child.once('exit', () => {
      // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.056s".
      const lines = out.trim().split('\n');
      const match = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(lines[lines.length - 1] ?? '');
      if (!match) return reject(new Error(`could not read ffmpeg's CPU time from: ${out}`));
      resolve(Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) * 60 + Number(match[4]));
    });
  });
}

export function decodeTable(rows: readonly DecodeRow[]): string {
  return formatTable(
    ['format', 'audio s', 'wall s', 'ffmpeg CPU s/audio h'],
    rows.map((r) => [
      r.format,
      r.audioSec.toFixed(0),
      r.wallSec.toFixed(1),
      ((r.ffmpegCpuSec / r.audioSec) * 3600).toFixed(1),
    ]),
  );
}
