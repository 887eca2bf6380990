// Segment builders and a seeded random source for the output tests.

import type { Segment } from '../../src/transcriber/segment.js';

export function seg(start: number, end: number, text: string, session = 1, itemId?: string): Segment {
  return { start, end, text, session, itemId: itemId ?? `item_${Math.round(start * 1000)}` };
}

/** mulberry32: small, fast and reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'the',
  'a',
  'meeting',
  'budget',
  'quarterly',
  'we',
  'should',
  'consider',
  'alternatives,',
  'yes.',
  'no?',
  'internationalization',
  'x',
  'reallyreallyreallyreallyreallyreallylongwordthatexceedsaline',
  'ok!',
  '<b>',
  'R&D',
  '-->',
  'naïve',
  '会議',
];

export function randomText(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return out.join(random() < 0.1 ? '  \n ' : ' ');
}

/** `count` characters of ordinary prose-like words. */
export function longUtterance(count: number): string {
  const words = ['so', 'the', 'plan', 'for', 'next', 'quarter', 'is', 'to', 'ship', 'faster,', 'and', 'we', 'agreed.'];
  let text = '';
  for (let i = 0; text.length < count; i++) text += (text ? ' ' : '') + words[i % words.length];
  return text.slice(0, count).trim();
}

export function stripAnsi(text: string): string {
  // CSI sequences (colors, cursor moves, clears) and the save/restore cursor escapes.
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[78]/g, '');
}
