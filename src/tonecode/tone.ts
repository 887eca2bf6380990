// One word's tone as samples: a sine at f(k), peak 0.3 of full scale, 5 ms raised-cosine fades.
import { defined } from '../util/must.js';
import { msToFrames } from './layout.js';
import { FADE_MS, SYMBOL_COUNT, TONE_MS, TONE_PEAK, symbolFrequencyHz } from './vocab.js';

const FULL_SCALE = 32767;

// Every word of a rate reuses the same 64 tables: computing sin() once per table sample instead of
// once per corpus sample keeps hours of synthesis fast.
const tablesByRate = new Map<number, Float64Array[]>();

/** Unrounded samples of symbol k's tone at this sample rate (TONE_MS long). */
export function toneTable(symbol: number, sampleRate: number): Float64Array {
  let tables = tablesByRate.get(sampleRate);
  if (!tables) {
    tables = [];
    for (let k = 0; k < SYMBOL_COUNT; k++) tables.push(renderTone(symbolFrequencyHz(k), sampleRate));
    tablesByRate.set(sampleRate, tables);
  }
  return defined(tables[symbol], 'tone table of the symbol');
}

function renderTone(frequencyHz: number, sampleRate: number): Float64Array {
  const frames = msToFrames(TONE_MS, sampleRate);
  const fadeFrames = msToFrames(FADE_MS, sampleRate);
  const out = new Float64Array(frames);
  const step = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let n = 0; n < frames; n++) {
    const edge = Math.min(n, frames - 1 - n);
    const gain = edge < fadeFrames ? 0.5 * (1 - Math.cos((Math.PI * edge) / fadeFrames)) : 1;
    out[n] = FULL_SCALE * TONE_PEAK * gain * Math.sin(step * n);
  }
  return out;
}
