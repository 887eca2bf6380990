// `tls`: https:// and wss:// on loopback with a certificate made for the run, trusted by a client
// through `ca` or through NODE_EXTRA_CA_CERTS in a new process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { TestClient, refusal } from './client.js';

const run = promisify(execFile);
const KEY = 'tls-key';

describe('emulator over TLS', () => {
  it('serves wss:// with a certificate for 127.0.0.1 written to a temporary PEM file, removed on close', async () => {
    const e = await startEmulator({ key: KEY, tls: true });
    try {
      expect(e.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const { certPath, certPem } = e.tls!;
      expect(certPem).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n/);
      expect(await readFile(certPath, 'utf8')).toBe(certPem);
      const client = await TestClient.connect(e.url, { key: KEY, ca: certPem });
      await client.waitFor('session.created');
      await client.close();
      // An untrusted certificate is refused by the client, as it should be.
      await expect(TestClient.connect(e.url, { key: KEY })).rejects.toThrow(/self[- ]signed/);
      expect((await refusal(e.url, { key: 'wrong', ca: certPem })).status).toBe(401);
    } finally {
      await e.close();
    }
    expect(existsSync(e.tls!.certPath)).toBe(false);
  });

  it('is valid for localhost too; an explicit certPath is kept; NODE_EXTRA_CA_CERTS trusts it in a new process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rt-tls-'));
    const certPath = join(dir, 'emulator.pem');
    const e = await startEmulator({ key: KEY, tls: { certPath } });
    try {
      expect(e.tls!.certPath).toBe(certPath);
      const local = e.url.replace('127.0.0.1', 'localhost');
      const client = await TestClient.connect(local, { key: KEY, ca: e.tls!.certPem });
      await client.waitFor('session.created');
      await client.close();
      // The banner's advice, followed literally: a plain Node process with the file trusted.
      const script = `require('https').get(process.argv[1], (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => console.log(res.statusCode, JSON.parse(b).error.message)); }).on('error', (err) => { console.error(err.message); process.exit(1); });`;
      const { stdout } = await run(process.execPath, ['-e', script, `${e.url}/openai/v1/realtime`], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
        timeout: 60_000,
      });
      expect(stdout).toBe('426 This endpoint takes WebSocket upgrades only.\n');
    } finally {
      await e.close();
    }
    expect(existsSync(certPath)).toBe(true);
    await rm(dir, { recursive: true, force: true });
  }, 90_000);
});
