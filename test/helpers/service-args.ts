// The flags that point the built CLI at an emulator: the integration tests' one way to say
// "transcribe with this service".
import type { startEmulator } from '../../src/emulator/index.js';

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
