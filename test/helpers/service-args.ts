// The flags that point the built CLI at an emulator: the integration tests' one way to say
// "transcribe with this service"; and emulators that last one test.
import { afterEach } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface ServiceArgsOptions {
  /** The deployment the run names; default `transcribe`. */
  deployment?: string;
  /** --speed, when the run is paced faster than real time. */
  speed?: number;
}

/** `--endpoint` and `--api-key` of `e`, `--deployment`, and `--speed` when given. */
export function serviceArgs(e: Emulator, { deployment = 'transcribe', speed }: ServiceArgsOptions = {}): string[] {
  const args = ['--endpoint', e.url, '--api-key', e.key, '--deployment', deployment];
  return speed === undefined ? args : [...args, '--speed', String(speed)];
}

/**
 * Registers an afterEach that closes every emulator started in the test, and returns how to start
 * one: `defaults` under the test's own options.
 */
export function emulatorPerTest(defaults: EmulatorOptions): (options: EmulatorOptions) => Promise<Emulator> {
  const started: Emulator[] = [];
  afterEach(async () => {
    for (const e of started.splice(0)) await e.close();
  });
  return async (options) => {
    const e = await startEmulator({ ...defaults, ...options });
    started.push(e);
    return e;
  };
}
