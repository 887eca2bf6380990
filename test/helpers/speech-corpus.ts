// The real-speech corpus for tests: each entry (speech-corpus-recipes.ts) is built on demand with
// espeak-ng and sox (installed by .ci/run) into a cache folder keyed by the hash of its recipe, so
// test files share a build and a rerun is instant. Builds are deterministic: fixed voices, rates
// and texts, noise from seeds, sox without dither; two builds give the same bytes.
// Each entry comes with its ground truth on the input's 24 kHz clock, taken from the clean voice
// before gain, reverb and noise (speechFrames in speech-signals.ts says the rule).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pcm16Bytes, wavHeader } from '../../src/tonecode/wav.js';
import {
  humanRecipes,
  sentence,
  SYNTHETIC,
  type CorpusFormat,
  type PauseFill,
  type Recipe,
  type Step,
} from './speech-corpus-recipes.js';
import { ampToDb, chords, clatter, dbToAmp, peak, prng, RATE, roomNoise, speechFrames, hum } from './speech-signals.js';

const run = promisify(execFile);
// Bump when the builder changes what a recipe makes: old cached builds are then ignored.
const BUILDER_VERSION = 2;

interface Utterance {
  /** Index of the spoken step (0-based, in order). */
  sentence: number;
  /** First and last speech sample, on the input's 24 kHz clock: [start, end). */
  start: number;
  end: number;
  /** The voice's sample peak in the file (after gain and reverb, before noise). */
  peakDbfs: number;
}

export interface SpeechCorpusEntry {
  name: string;
  /** The audio file, in `format`. */
  path: string;
  format: CorpusFormat;
  /** Length on the 24 kHz clock the client decodes to. */
  samples: number;
  /** Ground-truth speech: [start, end) sample intervals at 24 kHz, merged, in order. */
  speech: [number, number][];
  speechSamples: number;
  utterances: Utterance[];
  /** The loudest utterance's peak. */
  peakDbfs: number;
}

/** Every entry this machine can build: the synthesised ones and the human recordings installed. */
export function corpusNames(): string[] {
  return [...Object.keys(SYNTHETIC), ...Object.keys(humanRecipes())];
}

function recipeOf(name: string): Recipe {
  const recipe = SYNTHETIC[name] ?? humanRecipes()[name];
  if (!recipe) throw new Error(`no speech corpus entry named ${name}; known: ${corpusNames().join(', ')}`);
  return recipe;
}

/** Where builds are kept (RT_SPEECH_CORPUS_DIR, or a folder in the system's temp dir). */
function cacheRoot(): string {
  return process.env.RT_SPEECH_CORPUS_DIR ?? join(tmpdir(), 'rt-speech-corpus');
}

const building = new Map<string, Promise<SpeechCorpusEntry>>();

/** The entry's file and ground truth, built if this recipe was never built here. */
export function corpusEntry(name: string, root = cacheRoot()): Promise<SpeechCorpusEntry> {
  const recipe = recipeOf(name);
  const key = hash({ BUILDER_VERSION, recipe });
  const dir = join(root, `${name}-${key.slice(0, 16)}`);
  let pending = building.get(dir);
  if (!pending) {
    pending = cachedOrBuilt(name, recipe, dir, root);
    building.set(dir, pending);
  }
  return pending;
}

async function cachedOrBuilt(name: string, recipe: Recipe, dir: string, root: string): Promise<SpeechCorpusEntry> {
  const truthPath = join(dir, 'truth.json');
  if (existsSync(truthPath)) return JSON.parse(await readFile(truthPath, 'utf8')) as SpeechCorpusEntry;
  await mkdir(dir, { recursive: true });
  const built = await build(name, recipe, dir, root);
  // Written last and renamed into place: another process building the same entry at the same
  // time writes the same bytes, and nobody reads a half-written truth.
  const temp = tempName(truthPath);
  await writeFile(temp, JSON.stringify(built));
  await rename(temp, truthPath);
  return built;
}

// A recording's own background (hiss, the room) is no speech: its frames must stand this far
// above that background (its quietest fifth) to count.
const RECORDING_ROOM_MARGIN_DB = 10;

interface Placed {
  at: number;
  clean: Float32Array; // for the ground truth
  heard: Float32Array; // what goes into the file (gain, reverb), may run past `clean`
  recorded: boolean; // a human recording: its "clean" voice carries the room it was recorded in
}

async function build(name: string, recipe: Recipe, dir: string, root: string): Promise<SpeechCorpusEntry> {
  const voices = await withLimit(2, recipe.steps, (step) => voiceOf(step, root));
  const placed: Placed[] = [];
  const fills: { at: number; signal: Float32Array }[] = [];
  let cursor = 0;
  for (const [i, step] of recipe.steps.entries()) {
    const voice = voices[i];
    if (step.kind === 'pause') {
      const length = Math.round(step.sec * RATE);
      // Fills keep 0.3 s off the talkers on either side: the noise is in the pause, not under speech.
      const margin = Math.round(0.3 * RATE);
      if (step.fill && length > 2 * margin) {
        const seed = recipe.seed * 1000 + i;
        fills.push({ at: cursor + margin, signal: await fillOf(step.fill, length - 2 * margin, seed, root) });
      }
      cursor += length;
    } else if (voice) {
      placed.push({ at: cursor, clean: voice.clean, heard: voice.heard, recorded: step.kind === 'recording' });
      cursor += voice.clean.length;
    }
  }
  const total = Math.max(cursor, ...placed.map((p) => p.at + p.heard.length));
  const mix = recipe.room
    ? roomNoise(total, recipe.room.color, recipe.room.dbfs, recipe.seed)
    : new Float32Array(total);
  for (const { at, signal } of [...placed.map((p) => ({ at: p.at, signal: p.heard })), ...fills]) {
    for (let k = 0; k < signal.length; k++) mix[at + k]! += signal[k]!;
  }

  const utterances: Utterance[] = [];
  const speech: [number, number][] = [];
  placed.forEach((p, n) => {
    const frames = speechFrames(p.clean, p.at, 45, p.recorded ? RECORDING_ROOM_MARGIN_DB : undefined);
    if (frames.length === 0) return;
    utterances.push({
      sentence: n,
      start: frames[0]![0],
      end: frames[frames.length - 1]![1],
      peakDbfs: round2(ampToDb(peak(p.heard))),
    });
    for (const f of frames) {
      const last = speech[speech.length - 1];
      if (last && last[1] >= f[0]) last[1] = Math.max(last[1], f[1]);
      else speech.push([f[0], f[1]]);
    }
  });

  const wav = join(dir, 'voice-24k.wav');
  await writeFile(wav, wavOf(mix));
  const path = await encode(wav, recipe.format, dir);
  return {
    name,
    path,
    format: recipe.format,
    samples: total,
    speech,
    speechSamples: speech.reduce((sum, [a, b]) => sum + b - a, 0),
    utterances,
    peakDbfs: Math.max(...utterances.map((u) => u.peakDbfs)),
  };
}

// A spoken or recorded step's clean voice and what the file hears of it, at 24 kHz.
async function voiceOf(step: Step, root: string): Promise<{ clean: Float32Array; heard: Float32Array } | undefined> {
  if (step.kind === 'pause') return undefined;
  const clean =
    step.kind === 'say'
      ? await spoken(step.voice, step.rate, step.pitch, step.text, root)
      : await converted(step.path, root);
  let heard = clean;
  if (step.kind === 'say' && step.reverb !== undefined) {
    // A far talker: the room's reflections (freeverb: no randomness) with 1.5 s for the tail.
    heard = await soxF32(
      clean,
      ['pad', '0', '1.5', 'reverb', String(step.reverb), '50', '100', '100', '20', '0'],
      root,
    );
  }
  const target = step.peakDbfs;
  if (target === undefined) return { clean, heard };
  const gain = dbToAmp(target) / peak(heard);
  return { clean, heard: heard.map((v) => v * gain) };
}

const F32 = ['-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1'];

// espeak-ng's voice (22.05 kHz) resampled to 24 kHz as floats; cached by what was said and how.
async function spoken(voice: string, rate: number, pitch: number, text: string, root: string): Promise<Float32Array> {
  const key = hash({ voice, rate, pitch, text });
  const out = join(root, 'voices', `${key}.f32`);
  if (!existsSync(out)) {
    await mkdir(join(root, 'voices'), { recursive: true });
    const temp = tempName(out);
    await run('espeak-ng', ['-v', voice, '-s', String(rate), '-p', String(pitch), '-w', `${temp}.wav`, text]);
    await run('sox', ['-D', `${temp}.wav`, ...F32, '-r', String(RATE), temp]);
    await rename(temp, out);
    await rm(`${temp}.wav`, { force: true });
  }
  return readF32(out);
}

// A recording (any rate, mono) as 24 kHz floats.
async function converted(path: string, root: string): Promise<Float32Array> {
  const out = join(root, 'voices', `${hash({ path })}.f32`);
  if (!existsSync(out)) {
    await mkdir(join(root, 'voices'), { recursive: true });
    const temp = tempName(out);
    await run('sox', ['-D', path, ...F32, '-r', String(RATE), temp, 'remix', '-']);
    await rename(temp, out);
  }
  return readF32(out);
}

// Runs floats at 24 kHz through sox effects.
async function soxF32(input: Float32Array, effects: string[], root: string): Promise<Float32Array> {
  await mkdir(join(root, 'scratch'), { recursive: true });
  const scratch = tempName(join(root, 'scratch', 'sox'));
  try {
    await writeFile(`${scratch}.in`, Buffer.from(input.buffer, input.byteOffset, input.byteLength));
    await run('sox', ['-D', ...F32, '-r', String(RATE), `${scratch}.in`, ...F32, `${scratch}.out`, ...effects]);
    return await readF32(`${scratch}.out`);
  } finally {
    await rm(`${scratch}.in`, { force: true });
    await rm(`${scratch}.out`, { force: true });
  }
}

async function readF32(path: string): Promise<Float32Array> {
  const bytes = await readFile(path);
  return new Float32Array(Uint8Array.from(bytes).buffer);
}

const BABBLE_VOICES = ['en-us+f2', 'en-gb+m4', 'en-029+f4', 'en-gb-scotland'];

async function fillOf(fill: PauseFill, samples: number, seed: number, root: string): Promise<Float32Array> {
  switch (fill.kind) {
    case 'white':
    case 'pink':
      return roomNoise(samples, fill.kind, fill.dbfs, seed);
    case 'clatter':
      return clatter(samples, fill.dbfs, seed);
    case 'music':
      return chords(samples, fill.dbfs, seed);
    case 'hum':
      return hum(samples, fill.dbfs);
    case 'babble': {
      // Four talkers, each repeating a sentence from a random start, all at once, then set to the level.
      const random = prng(seed);
      const out = new Float32Array(samples);
      for (const [k, voice] of BABBLE_VOICES.entries()) {
        const talk = await spoken(voice, 170, 50, sentence(300 + k), root);
        for (
          let at = -Math.floor(random() * talk.length);
          at < samples;
          at += talk.length + Math.floor(random() * RATE * 0.3)
        ) {
          for (let i = Math.max(0, -at); i < talk.length && at + i < samples; i++) out[at + i]! += talk[i]!;
        }
      }
      let sum = 0;
      for (const v of out) sum += v * v;
      const level = Math.sqrt(sum / samples);
      return level > 0 ? out.map((v) => (v * dbToAmp(fill.dbfs)) / level) : out;
    }
  }
}

// PCM16 mono 24 kHz WAV; floats are rounded and clipped to 16 bits (0 dBFS = 32767).
function wavOf(x: Float32Array): Buffer {
  const pcm = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(x[i]! * 32767)));
  const data = pcm16Bytes(pcm);
  return Buffer.concat([wavHeader(data.length, RATE, 1), data]);
}

async function encode(wav: string, format: CorpusFormat, dir: string): Promise<string> {
  if (format === 'wav') return wav;
  if (format === 'ulaw-8k-wav') {
    const out = join(dir, 'telephone-8k-ulaw.wav');
    // The telephone band, then 8 kHz μ-law (G.711) in a WAV.
    await run('sox', ['-D', wav, '-e', 'u-law', '-r', '8000', out, 'sinc', '300-3400']);
    return out;
  }
  const out = join(dir, 'stereo-44k.mp3');
  await run('sox', ['-D', wav, '-C', '128', '-r', '44100', '-c', '2', out]);
  return out;
}

async function withLimit<T, R>(limit: number, items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// A name no other build (in this process or another) writes at the same time.
let temps = 0;
function tempName(path: string): string {
  return `${path}.${process.pid}.${++temps}.tmp`;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
