// The tonecode "language" (spec/tonecode.md): 64 symbols, each a pure tone with a word for its text.

/** Text of symbol k, k = 0..63, in spec order. */
export const VOCAB: readonly string[] = Object.freeze([
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
  'tango',
  'uniform',
  'victor',
  'whiskey',
  'xray',
  'yankee',
  'zulu',
  'amber',
  'basil',
  'cedar',
  'dune',
  'ember',
  'fern',
  'granite',
  'harbor',
  'iris',
  'jasper',
  'lotus',
  'maple',
  'nectar',
  'onyx',
  'pebble',
  'quartz',
  'raven',
  'saffron',
  'thistle',
  'umber',
  'velvet',
  'willow',
  'yarrow',
  'zephyr',
  'apple',
  'breeze',
  'cobalt',
  'dawn',
  'elm',
  'frost',
  'grove',
  'haze',
  'ivory',
  'juniper',
  'kestrel',
  'lagoon',
  'meadow',
  'nimbus',
]);

export const SYMBOL_COUNT = 64;
export const TONE_MS = 120;
export const GAP_MS = 80;
export const WORD_MS = TONE_MS + GAP_MS;
export const FADE_MS = 5;
/** Peak amplitude of a tone as a fraction of full scale. */
export const TONE_PEAK = 0.3;

const BASE_HZ = 600;
const STEP_HZ = 50;

/** f(k) = 600 + 50·k Hz. */
export function symbolFrequencyHz(symbol: number): number {
  return BASE_HZ + STEP_HZ * symbol;
}

// Built once: checkers look words up for every token of long transcripts.
const SYMBOL_OF_WORD: ReadonlyMap<string, number> = new Map(VOCAB.map((word, k) => [word, k]));

/** Symbol of a lower-case word, or undefined when the word is not in VOCAB. */
export function symbolOfWord(word: string): number | undefined {
  return SYMBOL_OF_WORD.get(word);
}
