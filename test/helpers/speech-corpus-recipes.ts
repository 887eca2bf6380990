// What each speech corpus entry is: a recipe of spoken sentences (espeak-ng voice, rate, pitch,
// peak level, reverberation), pauses (with what fills them) and the room around them. Plain data,
// so a recipe's hash names its cached build (speech-corpus.ts builds it).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './speech-signals.js';

export type PauseFill =
  | { kind: 'pink' | 'white'; dbfs: number } // steady noise, RMS
  | { kind: 'babble'; dbfs: number } // overlapping quiet espeak voices, RMS
  | { kind: 'clatter'; dbfs: number } // clicks and knocks, peak
  | { kind: 'music'; dbfs: number } // chords of tones, RMS
  | { kind: 'hum'; dbfs: number }; // mains hum: 50 Hz and its harmonics, RMS

export type Step =
  | {
      kind: 'say';
      text: string;
      voice: string; // espeak-ng voice, e.g. 'en-us+f3'
      rate: number; // words per minute
      pitch: number; // 0–99
      peakDbfs: number; // the voice's sample peak in the file, after reverb
      reverb?: number; // sox reverberance 0–100: a talker far from the microphone
    }
  | { kind: 'pause'; sec: number; fill?: PauseFill }
  // A human recording from an installed Debian package (never committed), at its own level or at `peakDbfs`.
  | { kind: 'recording'; path: string; peakDbfs?: number };

export type CorpusFormat = 'wav' | 'ulaw-8k-wav' | 'mp3-44k-stereo';

export interface Recipe {
  steps: Step[];
  // Steady room noise under everything (speech and pauses), RMS dBFS.
  room?: { color: 'white' | 'pink'; dbfs: number };
  format: CorpusFormat;
  seed: number;
}

const SUBJECTS = [
  'the old lighthouse keeper',
  'my neighbour',
  'a small grey cat',
  'the project manager',
  'our train to the coast',
  'the weather report',
  'a quiet student',
  'the baker on the corner',
  'every member of the choir',
  'the new software release',
  'a delivery van',
  'the river',
];
const VERBS = ['found', 'painted', 'carried', 'forgot', 'described', 'repaired', 'ordered', 'counted', 'followed'];
const OBJECTS = [
  'seven wooden boxes',
  'a letter from the council',
  'the broken umbrella',
  'two cups of strong coffee',
  'the map of the harbour',
  'a basket of green apples',
  'the last page of the report',
  'a bicycle with a flat tyre',
  'the keys to the garden shed',
];
const TAILS = [
  'before the sun went down',
  'on a windy Tuesday afternoon',
  'without saying a single word',
  'while the kettle was boiling',
  'near the end of the meeting',
  'and then went straight home',
  'although nobody had asked',
  'just after the clock struck nine',
];

/** Sentence `n` of the corpus: plain English, fixed for every build. */
export function sentence(n: number): string {
  const r = prng(1000 + n);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)]!;
  return `${cap(pick(SUBJECTS))} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

const VOICES = ['en-us', 'en-gb+f3', 'en-us+m3', 'en-gb-scotland+f2', 'en-029', 'en-gb-x-rp+m5'];

// A talker: sentence n in voice n (rotating), at a level.
function say(n: number, peakDbfs: number, extra: Partial<Extract<Step, { kind: 'say' }>> = {}): Step {
  return {
    kind: 'say',
    text: sentence(n),
    voice: VOICES[n % VOICES.length]!,
    rate: 150 + ((n * 7) % 40),
    pitch: 35 + ((n * 13) % 30),
    peakDbfs,
    ...extra,
  };
}

const pause = (sec: number, fill?: PauseFill): Step => (fill ? { kind: 'pause', sec, fill } : { kind: 'pause', sec });

// Ten sentences at one peak level, pauses of 0.2 to 3 s.
const SHORT_PAUSES = [0.5, 0.2, 1.2, 0.3, 2, 0.8, 3, 0.4, 1.5, 0.6];
function atLevel(peakDbfs: number, first = 0): Step[] {
  return [pause(0.5), ...SHORT_PAUSES.flatMap((p, i) => [say(first + i, peakDbfs), pause(p)])];
}

function tenMinutes(): Step[] {
  const r = prng(77);
  const levels = [-12, -20, -28, -36];
  const fills: (PauseFill | undefined)[] = [
    { kind: 'pink', dbfs: -45 },
    undefined,
    { kind: 'babble', dbfs: -42 },
    { kind: 'music', dbfs: -40 },
    undefined,
    { kind: 'white', dbfs: -50 },
    { kind: 'clatter', dbfs: -30 },
  ];
  const long = [22, 35, 48, 60, 27, 41, 55]; // seven pauses of 20–60 s
  const steps: Step[] = [pause(1)];
  let longDone = 0;
  for (let n = 0; n < 58; n++) {
    steps.push(say(200 + n, levels[Math.floor(n / 4) % levels.length]!));
    if (n % 8 === 7 && longDone < long.length) {
      steps.push(pause(long[longDone]!, fills[longDone]));
      longDone++;
    } else steps.push(pause(0.2 + Math.round(r() * 28) / 10)); // 0.2–3 s
  }
  return steps;
}

/** The synthesised entries: name → recipe. */
export const SYNTHETIC: Record<string, Recipe> = {
  // Peak levels from a normalised recording down to a far-field laptop microphone.
  'level-6': { steps: atLevel(-6), format: 'wav', seed: 1 },
  'level-20': { steps: atLevel(-20, 10), format: 'wav', seed: 2 },
  'level-30': { steps: atLevel(-30, 20), format: 'wav', seed: 3 },
  'level-37': { steps: atLevel(-37, 30), format: 'wav', seed: 4 },
  'level-45': { steps: atLevel(-45, 40), format: 'wav', seed: 5 },
  // A meeting room: two near talkers and a quiet, reverberant far one between them.
  'far-talker': {
    steps: [
      pause(0.5),
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((i) => [
        i % 3 === 1 ? say(50 + i, -34, { reverb: 85, voice: 'en-us+m3' }) : say(50 + i, -10),
        pause(SHORT_PAUSES[i]!),
      ]),
    ],
    room: { color: 'pink', dbfs: -62 },
    format: 'wav',
    seed: 6,
  },
  // Speech at −20 dBFS peak over steady room noise from −55 to −35 dBFS RMS.
  'noise-white-55': { steps: atLevel(-20, 60), room: { color: 'white', dbfs: -55 }, format: 'wav', seed: 7 },
  'noise-pink-45': { steps: atLevel(-20, 70), room: { color: 'pink', dbfs: -45 }, format: 'wav', seed: 8 },
  'noise-white-42': { steps: atLevel(-20, 80), room: { color: 'white', dbfs: -42 }, format: 'wav', seed: 9 },
  'noise-pink-35': { steps: atLevel(-15, 90), room: { color: 'pink', dbfs: -35 }, format: 'wav', seed: 10 },
  // A reverberant room, near talker.
  reverb: {
    steps: atLevel(-12, 100).map((s) => (s.kind === 'say' ? { ...s, reverb: 70 } : s)),
    format: 'wav',
    seed: 11,
  },
  // Pauses from 5 to 90 s in room noise.
  'long-pauses-noise': {
    steps: [pause(1), ...[5, 25, 60, 90, 12].flatMap((p, i) => [say(110 + i, -24), pause(p)]), say(115, -24), pause(1)],
    room: { color: 'pink', dbfs: -45 },
    format: 'wav',
    seed: 12,
  },
  // Pauses of 90 s filled with music and with mains hum: a healthy session waits through both.
  'long-pauses-music-hum': {
    steps: [
      pause(1),
      say(130, -20),
      pause(90, { kind: 'music', dbfs: -36 }),
      say(131, -20),
      pause(90, { kind: 'hum', dbfs: -40 }),
      say(132, -20),
      pause(1),
    ],
    format: 'wav',
    seed: 14,
  },
  // Non-stationary noise in the pauses: babble, clatter, music.
  nonstationary: {
    steps: [
      pause(0.5),
      say(120, -18),
      pause(12, { kind: 'babble', dbfs: -38 }),
      say(121, -18),
      pause(10, { kind: 'clatter', dbfs: -24 }),
      say(122, -18),
      pause(15, { kind: 'music', dbfs: -32 }),
      say(123, -18),
      pause(8, { kind: 'babble', dbfs: -45 }),
      say(124, -18),
      pause(1),
    ],
    room: { color: 'white', dbfs: -65 },
    format: 'wav',
    seed: 13,
  },
  // A phone call: 8 kHz μ-law WAV, band-limited.
  'telephone-ulaw': { steps: atLevel(-12, 130), room: { color: 'white', dbfs: -58 }, format: 'ulaw-8k-wav', seed: 14 },
  // A podcast-style mp3: 44.1 kHz stereo.
  'mp3-stereo': { steps: atLevel(-8, 140), format: 'mp3-44k-stereo', seed: 15 },
  // Ten minutes: 58 sentences at four levels, pauses 0.2–3 s and seven of 20–60 s, some in noise.
  'ten-minutes': { steps: tenMinutes(), format: 'wav', seed: 16 },
};

const ALSA = '/usr/share/sounds/alsa';
const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';

/**
 * Entries of human voices, from Debian packages installed on this machine (used in place, never
 * committed): alsa-utils' channel announcements (GPL-2) and pocketsphinx-testdata's LibriVox
 * excerpts (public-domain readings). Absent packages give no entries.
 */
export function humanRecipes(): Record<string, Recipe> {
  const out: Record<string, Recipe> = {};
  const wavs = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.wav') && f !== 'Noise.wav')
          .sort()
          .map((f) => join(dir, f))
      : [];
  const alsa = wavs(ALSA);
  if (alsa.length > 0) {
    out['human-alsa'] = {
      steps: [
        pause(0.5),
        ...alsa.flatMap((path, i) => [{ kind: 'recording', path } as Step, pause(SHORT_PAUSES[i % 10]!)]),
      ],
      format: 'wav',
      seed: 20,
    };
  }
  const librivox = wavs(LIBRIVOX);
  if (librivox.length > 0) {
    out['human-librivox-quiet'] = {
      steps: [
        pause(0.5),
        ...librivox.flatMap((path, i) => [{ kind: 'recording', path, peakDbfs: -36 } as Step, pause(1 + i)]),
      ],
      room: { color: 'pink', dbfs: -60 },
      format: 'wav',
      seed: 21,
    };
  }
  return out;
}
