// The whole loop on loopback: a token command's token goes on the upgrade, the emulator refuses
// a wrong one with 401, the credential earns one retry, and the fresh token opens the session.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { resolveEndpoint } from '../../src/realtime/endpoint.js';
import { connectWebSocket } from '../../src/realtime/transport.js';
import { ConnectError, type Transport } from '../../src/realtime/transport-types.js';

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'token-loop-'));
  // Prints a stale token on its first run, the emulator's key after that.
  await writeFile(
    join(dir, 'token.mjs'),
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      'const [file, good] = process.argv.slice(2);',
      "let n = 0; try { n = Number(readFileSync(file, 'utf8')); } catch {}",
      'writeFileSync(file, String(n + 1));',
      "process.stdout.write(n === 0 ? 'stale-token-0000\\n' : `${good}\\n`);",
    ].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a token command against the emulator', () => {
  it('401 on the stale token, one retry with a fresh one, then the session opens', async () => {
    const endpoint = resolveEndpoint(
      {
        endpoint: emulator.url,
        deployment: 'emulator',
        tokenCommand: [process.execPath, join(dir, 'token.mjs'), join(dir, 'count'), emulator.key],
      },
      {},
    );
    const open = async (headers: Record<string, string>) =>
      connectWebSocket({ url: endpoint.url, headers, handshakeTimeoutMs: 10_000, pingIntervalMs: 0, pongTimeoutMs: 0 });

    const first = await endpoint.authorize();
    expect(first.headers).toEqual({ Authorization: 'Bearer stale-token-0000' });
    const refused = await open(first.headers).then(
      (t: Transport) => {
        t.terminate();
        throw new Error('expected a 401');
      },
      (e: unknown) => e as ConnectError,
    );
    expect(refused.status).toBe(401);
    expect(first.refused()).toBe(true);

    const second = await endpoint.authorize();
    expect(second.headers).toEqual({ Authorization: `Bearer ${emulator.key}` });
    const transport = await open(second.headers);
    second.accepted();
    transport.terminate();
    // Both tokens are masked wherever the endpoint's secrets are used.
    expect(endpoint.secrets).toEqual(['stale-token-0000', emulator.key]);
  }, 60_000);
});
