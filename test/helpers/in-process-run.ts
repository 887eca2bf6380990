// transcribe()'s options for a run against an in-process emulator, client and service on one
// VirtualClock: the emulator's URL, key and Connect, no environment, and the jitter pinned.
import type { TranscribeOptions } from '../../src/index.js';
import type { InProcessEmulator, VirtualClock } from '../../src/emulator/index.js';

export function inProcessOptions(emulator: InProcessEmulator, clock: VirtualClock) {
  return {
    endpoint: emulator.url,
    apiKey: emulator.key,
    deployment: 'emulator',
    connect: emulator.connect,
    clock,
    random: () => 0.5,
    env: {},
  } satisfies TranscribeOptions;
}
