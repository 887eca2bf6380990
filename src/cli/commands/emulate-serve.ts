// `realtime-transcribe emulate`: start an emulator, say how to use it, serve until SIGINT or
// SIGTERM (or `until` aborts, for tests), then close and print what happened.
import { isIP } from 'node:net';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server.js';
import { formatStats } from '../../emulator/stats.js';
import type { EmulatorOptions } from '../../emulator/types.js';

export interface ServeIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  // Stops the emulator like a signal would.
  until?: AbortSignal;
}

export async function serveEmulator(
  options: EmulatorOptions,
  io: ServeIo & { log?: boolean; recordDir?: string } = {},
): Promise<void> {
  const out = io.stdout ?? ((text) => void process.stdout.write(text));
  const err = io.stderr ?? ((text) => void process.stderr.write(text));
  const emulator = await startEmulator({
    ...options,
    ...(io.log && { log: (line: string) => err(`emulator: ${line}\n`) }),
    onNote: (note: string) => err(`emulator: ${note}\n`),
  });
  if (!isLoopback(emulator.host)) {
    err(`warning: listening on ${emulator.host}, not loopback: anyone who can reach it and knows the key can use it\n`);
  }
  // Listening for the stop before the banner: whoever reads the banner may signal at once, and a
  // SIGINT before the listener would end the process without closing or printing the stats.
  const stopped = stopRequested(io.until);
  const deployment = options.deployments?.[0] ?? 'emulator';
  const cert = emulator.tls?.certPath;
  // NODE_EXTRA_CA_CERTS is read when a Node process starts, so it goes before the command.
  const trustPrefix = cert === undefined ? '' : `NODE_EXTRA_CA_CERTS=${cert} `;
  out(
    `url: ${emulator.url}\n` +
      `key: ${emulator.key}\n` +
      `seed: ${emulator.seed}\n` +
      (io.recordDir === undefined
        ? ''
        : `record: ${join(io.recordDir, 'session-N.wav')} (the audio each session receives)\n`) +
      (cert === undefined
        ? ''
        : `cert: ${cert}\n` +
          `trust: set NODE_EXTRA_CA_CERTS=${cert} for Node.js clients, SSL_CERT_FILE=${cert} for OpenSSL-based ones (Python, curl)\n`) +
      `try: ${trustPrefix}realtime-transcribe FILE --endpoint ${emulator.url} --api-key ${emulator.key} --deployment ${deployment}\n`,
  );
  await stopped;
  await emulator.close();
  out(`stats: ${formatStats(emulator.stats())}\n`);
}

function stopRequested(until: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      until?.removeEventListener('abort', stop);
      resolve();
    };
    if (until?.aborted) return resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    until?.addEventListener('abort', stop, { once: true });
  });
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
