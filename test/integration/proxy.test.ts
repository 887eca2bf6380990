// Behind a corporate proxy: the built CLI reaches the emulator over TLS (emulate --tls, trusted
// with NODE_EXTRA_CA_CERTS as a TLS-inspecting proxy's CA would be) through a real CONNECT proxy
// on loopback, as HTTPS_PROXY or --proxy says; NO_PROXY goes around it; a proxy that says no
// gives one line that names it, never its password, and exit 1.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript } from '../../src/tonecode/index.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { runCli } from '../helpers/run-cli.js';
import type { Emulator } from '../helpers/service-args.js';

const DEMO = 'fixtures/tonecode-demo.wav';
const PASSWORD = 'pr0xy-s3cret';
const CREDENTIAL = `alice:${PASSWORD}`;
let emulator: Emulator;
let proxy: ConnectProxy | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-proxy-'));
  emulator = await startEmulator({ tls: true, seed: 3, timeScale: 10 });
}, 60_000);
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const port = (url: string) => new URL(url).port;
const withCredential = (url: string) => url.replace('http://', `http://${CREDENTIAL}@`);

function run(args: string[], env: Record<string, string | undefined>, trust = true) {
  return runCli(
    [DEMO, '--endpoint', emulator.url, '--api-key', emulator.key, '--deployment', 'd', '--speed', '10', ...args],
    // runCli removes the proxy variables of the environment the tests run in.
    { env: { NODE_EXTRA_CA_CERTS: trust ? emulator.tls!.certPath : undefined, ...env } },
  );
}

describe('through an HTTP proxy', () => {
  it('HTTPS_PROXY with a credential: every session tunnels through the proxy, the transcript is exact, the password is never printed', async () => {
    proxy = await startConnectProxy({ credential: CREDENTIAL });
    const log = join(dir, 'events.jsonl');
    const before = emulator.stats().sessionsOpened;
    const result = await run(['-v', '--log-events', log], { HTTPS_PROXY: withCredential(proxy.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(checkTranscript(result.stdout, { count: 12 }).ok).toBe(true);
    // One tunnel per session, each to the emulator, each with the credential.
    const sessions = emulator.stats().sessionsOpened - before;
    expect(sessions).toBeGreaterThanOrEqual(1);
    expect(proxy.tunnels()).toBe(sessions);
    expect(new Set(proxy.connects.map((c) => c.target))).toEqual(new Set([`127.0.0.1:${port(emulator.url)}`]));
    expect(result.stderr).toContain(`proxy: http://***@127.0.0.1:${port(proxy.url)} (HTTPS_PROXY)`);
    const everything = result.stdout + result.stderr + (await readFile(log, 'utf8'));
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(Buffer.from(CREDENTIAL).toString('base64'));
  }, 60_000);

  it('--proxy wins over HTTPS_PROXY; lower-case https_proxy is read too', async () => {
    proxy = await startConnectProxy();
    const unused = await startConnectProxy();
    try {
      const flag = await run(['-q', '--proxy', proxy.url], { HTTPS_PROXY: unused.url });
      expect(flag.code, flag.stderr).toBe(0);
      expect(proxy.tunnels()).toBeGreaterThanOrEqual(1);
      expect(unused.connects).toEqual([]);
      const lower = await run(['-q'], { https_proxy: unused.url });
      expect(lower.code, lower.stderr).toBe(0);
      expect(checkTranscript(lower.stdout, { count: 12 }).ok).toBe(true);
      expect(unused.tunnels()).toBeGreaterThanOrEqual(1);
    } finally {
      await unused.close();
    }
  }, 90_000);

  it('NO_PROXY naming the host goes around the proxy', async () => {
    proxy = await startConnectProxy();
    const result = await run(['-q'], { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com,127.0.0.1' });
    expect(result.code, result.stderr).toBe(0);
    expect(checkTranscript(result.stdout, { count: 12 }).ok).toBe(true);
    expect(proxy.connects).toEqual([]);
  }, 60_000);

  it('a wrong proxy password: 407, one line naming the proxy without the password, exit 1, no retry', async () => {
    proxy = await startConnectProxy({ credential: 'alice:another-password' });
    const result = await run([], { HTTPS_PROXY: withCredential(proxy.url) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `realtime-transcribe: the proxy http://***@127.0.0.1:${port(proxy.url)} refused to open a tunnel to 127.0.0.1:${port(emulator.url)} (407 Proxy Authentication Required)`,
      'hint: check the user name and password in --proxy / HTTPS_PROXY (http://USER:PASSWORD@HOST:PORT)',
    ]);
    expect(proxy.connects).toHaveLength(1);
  }, 60_000);

  it('a proxy that forbids the host: 403, one line naming the proxy, exit 1', async () => {
    proxy = await startConnectProxy({ refuse: 403 });
    const result = await run(['--proxy', proxy.url], {});
    expect(result.code).toBe(1);
    const target = `127.0.0.1:${port(emulator.url)}`;
    expect(result.stderr.trim().split('\n')).toEqual([
      `realtime-transcribe: the proxy ${proxy.url} refused to open a tunnel to ${target} (403 Forbidden)`,
      `hint: ask the proxy's administrator to let ${target} through, or name another proxy with --proxy / HTTPS_PROXY (NO_PROXY lists the hosts reached without one)`,
    ]);
    expect(proxy.connects).toHaveLength(1);
  }, 60_000);

  it("a certificate the client does not trust (a TLS-inspecting proxy's CA missing): the hint says NODE_EXTRA_CA_CERTS", async () => {
    proxy = await startConnectProxy();
    const result = await run(['--proxy', proxy.url], {}, false);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `realtime-transcribe: cannot connect to the endpoint (${emulator.url.replace('https:', 'wss:')}/openai/v1/realtime?intent=transcription): connection failed: self-signed certificate`,
      "hint: the server's certificate is not trusted: behind a TLS-inspecting proxy, trust the proxy's CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (for an emulator, its cert file)",
    ]);
    expect(proxy.tunnels()).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
