// WebRTC's voice activity detector (libfvad: a Gaussian mixture over sub-band energies with a noise
// estimate that adapts), as the 20 KB WebAssembly build of @echogarden/fvad-wasm. Loaded
// synchronously from the installed package, so every session and the emulator can make one on the
// spot; nothing is downloaded. Its emscripten glue is not used: the module needs two imports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// libfvad takes 8, 16, 32 or 48 kHz. 16 kHz keeps what it analyses (its own filters work up to
// 4 kHz after halving) at a third of the 48 kHz path's cost.
const RATE = 16_000;
const WASM_PAGE = 65_536;

// The little of WebAssembly used here (the project's TypeScript libs carry no WebAssembly types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface FvadExports {
  memory: WasmMemory;
  init(): void;
  create(): number;
  malloc(bytes: number): number;
  destroy(handle: number): void;
  setMode(handle: number, mode: number): number;
  setRate(handle: number, rate: number): number;
  process(handle: number, frame: number, samples: number): number;
}

let shared: { fvad: FvadExports; scratch: number; scratchSamples: number } | undefined;

// One instance for the process (JavaScript runs one frame at a time); each detector has its own
// state handle in it.
function instance(frameSamples: number) {
  if (shared && shared.scratchSamples >= frameSamples) return shared;
  if (!shared) {
    const path = createRequire(import.meta.url).resolve('@echogarden/fvad-wasm/fvad.wasm');
    const module = new wasm.Module(readFileSync(path));
    let memory: WasmMemory | undefined;
    const imports = {
      a: {
        a: () => {
          throw new Error('the WebRTC speech detector failed an internal check');
        },
        // The heap may grow; the detector re-reads `memory.buffer` on every frame.
        b: (requested: number) => {
          if (!memory) return 0;
          const pages = Math.ceil((requested - memory.buffer.byteLength) / WASM_PAGE);
          try {
            memory.grow(pages);
            return 1;
          } catch {
            return 0;
          }
        },
      },
    };
    const raw = new wasm.Instance(module, imports).exports;
    const fvad: FvadExports = {
      memory: raw.c as WasmMemory,
      init: raw.d as () => void,
      create: raw.e as () => number,
      malloc: raw.f as (bytes: number) => number,
      destroy: raw.h as (handle: number) => void,
      setMode: raw.j as (handle: number, mode: number) => number,
      setRate: raw.k as (handle: number, rate: number) => number,
      process: raw.l as (handle: number, frame: number, samples: number) => number,
    };
    memory = fvad.memory;
    fvad.init();
    shared = { fvad, scratch: 0, scratchSamples: 0 };
  }
  shared.scratch = shared.fvad.malloc(frameSamples * 2);
  shared.scratchSamples = frameSamples;
  if (shared.scratch === 0) throw new Error('the WebRTC speech detector could not allocate its frame buffer');
  return shared;
}

// Handles of detectors nobody holds any more go back to the module.
const handles = new FinalizationRegistry<number>((handle) => shared?.fvad.destroy(handle));

export class WebRtcDetector {
  readonly #handle: number;
  readonly #outSamples: number;
  #view: Int16Array | undefined; // the frame buffer in the module's memory, while that memory lasts
  #previous = 0; // the last input sample of the previous frame, for the resampler's first tap

  /** `mode`: 0 (most permissive) to 3 (most aggressive). `frameSamples`: at 24 kHz, a multiple of 3. */
  constructor(
    readonly mode: number,
    frameSamples: number,
  ) {
    if (frameSamples % 3 !== 0)
      throw new RangeError(`the WebRTC detector needs frames of 3n samples, got ${frameSamples}`);
    this.#outSamples = (frameSamples / 3) * 2;
    const { fvad } = instance(this.#outSamples);
    this.#handle = fvad.create();
    if (this.#handle === 0) throw new Error('the WebRTC speech detector could not be created');
    if (fvad.setMode(this.#handle, mode) !== 0)
      throw new RangeError(`WebRTC detector mode must be 0 to 3, got ${mode}`);
    fvad.setRate(this.#handle, RATE);
    handles.register(this, this.#handle);
  }

  /** 1 for speech, 0 for none: libfvad decides, it gives no probability. */
  score(frame: Int16Array): number {
    const { fvad, scratch } = instance(this.#outSamples);
    // A view made once: a grown heap detaches the old buffer (length 0), then it is made again.
    let out = this.#view;
    if (!out || out.length === 0 || out.byteOffset !== scratch)
      out = this.#view = new Int16Array(fvad.memory.buffer, scratch, this.#outSamples);
    // 24 → 16 kHz: output sample j sits at input position 1.5·j. Even ones take the input sample
    // with a [1 2 1]/4 smoothing, odd ones the mean of the two around them; both low-pass enough
    // for libfvad, which halves the rate again with its own filter.
    let previous = this.#previous;
    for (let k = 0, i = 0; k < this.#outSamples; k += 2, i += 3) {
      const a = frame[i] ?? 0;
      const b = frame[i + 1] ?? 0;
      const c = frame[i + 2] ?? 0;
      out[k] = (previous + 2 * a + b) >> 2;
      out[k + 1] = (b + c) >> 1;
      previous = c;
    }
    this.#previous = previous;
    const verdict = fvad.process(this.#handle, scratch, this.#outSamples);
    if (verdict < 0) throw new Error('the WebRTC speech detector refused a frame');
    return verdict;
  }
}
