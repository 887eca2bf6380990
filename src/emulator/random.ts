// Seeded randomness. Every random choice the emulator makes comes from one seed, split into
// independent streams per purpose and per session, so a session's drop time does not depend on
// how many items an earlier (or concurrent) session happened to produce.

import { mulberry32, type Random } from '../util/random.js';

export type { Random };

// FNV-1a over the label, mixed with the seed and the stream number, so streams do not overlap.
function mix(seed: number, label: string, n: number): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (n >>> 0), 0x01000193);
  h ^= h >>> 16;
  return Math.imul(h, 0x85ebca6b) >>> 0;
}

// One independent stream, e.g. randomStream(seed, 'drop', sessionNumber).
export function randomStream(seed: number, label: string, n = 0): Random {
  return mulberry32(mix(seed, label, n));
}

export function uniform(random: Random, low: number, high: number): number {
  return low + random() * (high - low);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Ids shaped like the service's (`item_…`, `event_…`); clients must treat them as opaque.
export function idMaker(random: Random): (prefix: string) => string {
  return (prefix) => {
    let id = `${prefix}_`;
    for (let i = 0; i < 20; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    return id;
  };
}

// A seed for runs that did not ask for one (logged, so the run can be repeated).
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
