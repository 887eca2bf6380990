import { afterEach, describe, expect, it } from 'vitest';
import { synthesizeCorpus } from '../../src/tonecode/index.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { PaceMeter, planSessionFaults } from '../../src/emulator/faults.js';
import { connectWebSocket } from '../../src/realtime/transport.js';
import { TestClient, refusal } from './client.js';

const KEY = 'test-key';
const running: RunningEmulator[] = [];
const clients: TestClient[] = [];

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const e = await startEmulator({ key: KEY, timeScale: 10, seed: 1, ...options });
  running.push(e);
  return e;
}

async function connect(e: RunningEmulator): Promise<TestClient> {
  const client = await TestClient.connect(e.url, { key: KEY });
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await Promise.all(running.splice(0).map((e) => e.close()));
});

// Resolves when the client's ping is answered.
function pong(client: TestClient): Promise<void> {
  return new Promise((resolve) => {
    client.ws.once('pong', () => resolve());
    client.ws.ping();
  });
}

describe('fault plan (pure)', () => {
  it('draws random drop times from the seed, per session, within the range', () => {
    const faults = { drop: { betweenMs: [60_000, 360_000] as [number, number] } };
    const times = (seed: number) => [1, 2, 3, 4].map((n) => planSessionFaults(faults, n, seed).dropAtMs!);
    expect(times(42)).toEqual(times(42));
    expect(times(42)).not.toEqual(times(43));
    for (const t of times(42)) {
      expect(t).toBeGreaterThanOrEqual(60_000);
      expect(t).toBeLessThanOrEqual(360_000);
    }
    expect(new Set(times(42)).size).toBe(4);
  });

  it('drops only the listed sessions, stalls only the named one, caps at 30 min by default', () => {
    const faults = {
      drop: { afterMs: 5000 },
      dropSessions: [2],
      stall: { session: 3, afterMs: 100 },
      stallPings: true,
    };
    expect(planSessionFaults(faults, 1, 0)).toEqual({
      expireAtMs: 1_800_000,
      stallPings: false,
      withholdTranscripts: false,
    });
    expect(planSessionFaults(faults, 2, 0).dropAtMs).toBe(5000);
    expect(planSessionFaults(faults, 3, 0)).toMatchObject({ stallAtMs: 100, stallPings: true });
  });

  it('measures pace over a sliding window of service time', () => {
    const meter = new PaceMeter(5000);
    let pace = 0;
    // Real time: 40 ms of audio every 40 ms.
    for (let t = 0; t <= 20_000; t += 40) pace = meter.add(t, 40);
    expect(pace).toBeCloseTo(1, 1);
    // Then four times faster.
    for (let t = 20_010; t <= 30_000; t += 10) pace = meter.add(t, 40);
    expect(pace).toBeCloseTo(4, 1);
  });
});

// Over a real socket: each fault shows as the client sees it (close codes, events, pongs). When
// things happen, exactly, is asserted on the virtual clock in in-process-connect.test.ts; here
// every wait is on an event, never a wall-clock threshold.
describe('emulator faults over the socket', () => {
  it('drop: destroys the socket with no close frame, so the client sees 1006', async () => {
    const e = await emulator({ faults: { drop: { afterMs: 1000 } } });
    const client = await connect(e);
    await client.waitFor('session.created');
    expect((await client.closed).code).toBe(1006);
    await expect.poll(() => e.stats().sessions[0]?.endReason).toBe('drop');
    expect(e.stats()).toMatchObject({ drops: 1, current: 0 });
  });

  it('drop: random times in a range are reproducible from the seed', async () => {
    const faults = { drop: { betweenMs: [1000, 4000] as [number, number] } };
    const planned = async (seed: number) => {
      const e = await emulator({ seed, timeScale: 20, faults });
      const sessions = await Promise.all([connect(e), connect(e), connect(e)]);
      await Promise.all(sessions.map((s) => s.closed));
      await expect.poll(() => e.stats().sessions.every((s) => s.endReason === 'drop')).toBe(true);
      return e.stats().sessions.map((s) => s.dropAtMs!);
    };
    const a = await planned(7);
    expect(a).toEqual(await planned(7));
    expect(a).not.toEqual(await planned(8));
    for (const t of a) expect(t >= 1000 && t <= 4000).toBe(true);
  });

  it('dropSessions: only the listed sessions drop', async () => {
    const e = await emulator({ faults: { drop: { afterMs: 500 }, dropSessions: [2] } });
    const first = await connect(e);
    const second = await connect(e);
    expect((await second.closed).code).toBe(1006);
    // The first still answers after the second is gone.
    first.send({ type: 'input_audio_buffer.clear' });
    await first.waitFor('input_audio_buffer.cleared');
    expect(first.ws.readyState).toBe(first.ws.OPEN);
  });

  it('expire: session_expired at the cap, then close 1001', async () => {
    const e = await emulator({ timeScale: 10_000 });
    const standard = await connect(e); // the default 30 min cap: 180 ms at 10 000×
    const error = await standard.waitFor('error', 3000);
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'session_expired',
      message: 'Your session hit the maximum duration of 30 minutes.',
    });
    expect(await standard.closed).toEqual({
      code: 1001,
      reason: 'Your session hit the maximum duration of 30 minutes.',
    });

    const short = await emulator({ faults: { expireAfterMs: 1500 } });
    const client = await connect(short);
    expect((await client.waitFor('error')).error.message).toBe('Your session hit the maximum duration of 1.5 seconds.');
    expect((await client.closed).code).toBe(1001);
    await expect.poll(() => short.stats().sessions[0]?.endReason).toBe('expire');
    expect(short.stats().expires).toBe(1);
  });

  it('tooFast: audio far faster than real time is dropped (1006)', async () => {
    const e = await emulator({ faults: { tooFast: 2 } });
    const racer = await connect(e);
    racer.appendPcm(synthesizeCorpus({ count: 8 }).pcm, 40); // ~20 s of audio at once
    expect((await racer.closed).code).toBe(1006);
    expect(e.stats()).toMatchObject({ tooFastDrops: 1 });
    expect(e.stats().sessions[0]!.endReason).toBe('too-fast');
  });

  it('stall: the named session goes silent while its socket stays open and pings are answered', async () => {
    const e = await emulator({ faults: { stall: { session: 2, afterMs: 1000 } } });
    const healthy = await connect(e);
    const stalled = await connect(e);
    await stalled.waitFor('session.created');
    await expect.poll(() => e.stats().stalls).toBe(1); // 1000 service ms = 100 ms of wall time
    const before = stalled.events.length;
    for (const client of [healthy, stalled]) client.send({ type: 'input_audio_buffer.clear' });
    stalled.appendPcm(synthesizeCorpus({ count: 2 }).pcm);
    await healthy.waitFor('input_audio_buffer.cleared');
    // The pong comes after everything sent before the ping was handled: nothing came back.
    await pong(stalled);
    expect(stalled.events.length).toBe(before);
    expect(stalled.ws.readyState).toBe(stalled.ws.OPEN);
    expect(e.stats().stalls).toBe(1);
    await stalled.close();
    await expect.poll(() => e.stats().sessions[1]?.endReason).toBe('stall');
  });

  it("stallPings: the client's ping watchdog ends the connection (1006, ping-timeout)", async () => {
    const e = await emulator({ faults: { stall: { session: 1, afterMs: 0 }, stallPings: true } });
    const transport = await connectWebSocket({
      url: `${e.url.replace('http', 'ws')}/openai/v1/realtime?intent=transcription`,
      headers: { 'api-key': KEY },
      handshakeTimeoutMs: 30_000,
      pingIntervalMs: 50,
      pongTimeoutMs: 200,
    });
    const closed = await new Promise((resolve) => transport.onClose(resolve));
    expect(closed).toEqual({ code: 1006, reason: '', cause: 'ping-timeout' });
    expect(e.stats().stalls).toBe(1);
  });

  it('refuse: 503 for the first two upgrades, with a JSON body, then success', async () => {
    const e = await emulator({ faults: { refuse: { status: 503, count: 2 } } });
    for (let i = 0; i < 2; i++) {
      const refused = await refusal(e.url, { key: KEY });
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({ code: 'service_unavailable', type: 'server_error' });
    }
    const client = await connect(e);
    await client.waitFor('session.created');
    expect(e.stats()).toMatchObject({ upgrades: 3, refused: { 503: 2 }, sessionsOpened: 1 });
  });

  it('refuse without a count refuses every upgrade', async () => {
    const e = await emulator({ faults: { refuse: { status: 429 } } });
    for (let i = 0; i < 3; i++) expect((await refusal(e.url, { key: KEY })).status).toBe(429);
  });

  it('maxSessions: an upgrade beyond the cap gets 429 until a session ends', async () => {
    const e = await emulator({ faults: { maxSessions: 1 } });
    const first = await connect(e);
    const second = await refusal(e.url, { key: KEY });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('rate_limit_exceeded');
    await first.close();
    await expect.poll(() => e.stats().current).toBe(0);
    const third = await connect(e);
    await third.waitFor('session.created');
    expect(e.stats()).toMatchObject({ maxConcurrent: 1, refused: { 429: 1 }, sessionsOpened: 2 });
  });

  it('close(): ends every session and clears every timer', async () => {
    const e = await emulator({ timeScale: 1, latencyMs: [60_000, 60_000], faults: { drop: { afterMs: 60_000 } } });
    const client = await connect(e);
    client.appendPcm(synthesizeCorpus({ count: 1 }).pcm);
    await client.waitFor('input_audio_buffer.committed');
    await e.close();
    expect((await client.closed).code).toBe(1006);
    expect(e.stats().sessions[0]!.endReason).toBe('shutdown');
    await e.close(); // idempotent
  });
});
