// The in-process emulator through its Connect, on a virtual clock: the same upgrade checks, events
// and closes as the WebSocket server, and every fault, asserted at exact virtual times.
import { afterEach, describe, expect, it } from 'vitest';
import { sentenceText, synthesizeCorpus } from '../../src/tonecode/index.js';
import {
  startInProcessEmulator,
  VirtualClock,
  type EmulatorOptions,
  type InProcessEmulator,
} from '../../src/emulator/index.js';
import { ConnectError } from '../../src/realtime/transport-types.js';
import { InProcessClient, requestFor } from '../helpers/in-process-client.js';

const KEY = 'test-key';
const cap = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;
const cleanup: (() => Promise<void>)[] = [];

function emulator(options: EmulatorOptions = {}): { emu: InProcessEmulator; clock: VirtualClock } {
  const clock = new VirtualClock();
  const emu = startInProcessEmulator({ key: KEY, seed: 1, clock, ...options });
  cleanup.push(async () => {
    await emu.close();
    clock.dispose();
  });
  return { emu, clock };
}

afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function refusedWith(
  emu: InProcessEmulator,
  options: Parameters<typeof requestFor>[1] = {},
): Promise<ConnectError> {
  const error = await emu.connect(requestFor(emu, options)).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

describe('in-process emulator: sessions', () => {
  it('transcribes tonecode exactly, with the same events as over a socket', async () => {
    const { emu } = emulator({ latencyMs: [300, 300] });
    const client = await InProcessClient.open(emu);
    expect((await client.waitFor('session.created')).session.id).toMatch(/^sess_/);
    client.configure({ type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 });
    await client.waitFor('session.updated');
    client.appendPcm(synthesizeCorpus({ count: 6 }).pcm);
    await client.waitForCount('conversation.item.input_audio_transcription.completed', 6);
    expect(client.transcriptInOrder()).toEqual([0, 1, 2, 3, 4, 5].map((i) => cap(sentenceText(i))));
    expect(emu.stats()).toMatchObject({ sessionsOpened: 1, itemsCommitted: 6, itemsCompleted: 6, current: 1 });
  });

  it('delivers events asynchronously and in order, never inside send()', async () => {
    const { emu } = emulator();
    const client = await InProcessClient.open(emu);
    await client.waitFor('session.created');
    const before = client.events.length;
    client.send({ type: 'input_audio_buffer.clear' });
    client.send({ type: 'nonsense' });
    expect(client.events.length).toBe(before);
    expect(client.transport.bufferedAmount()).toBe(0);
    await client.waitFor('error');
    expect(client.events.slice(before).map((e) => e.type)).toEqual(['input_audio_buffer.cleared', 'error']);
  });

  it('completes items after their latency, on the virtual clock, out of order when latencies differ', async () => {
    const { emu, clock } = emulator({ latencyMs: [100, 3000], seed: 5 });
    const client = await InProcessClient.open(emu);
    client.appendPcm(synthesizeCorpus({ count: 8, pauseMs: 800 }).pcm);
    const at = client.of('input_audio_buffer.committed').length;
    expect(at).toBe(0); // nothing yet: appends are still in flight
    const done = await client.waitForCount('conversation.item.input_audio_transcription.completed', 8);
    const committed = client.of('input_audio_buffer.committed').map((e) => e.item_id);
    expect(done.map((e) => e.item_id)).not.toEqual(committed);
    expect(client.transcriptInOrder()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => cap(sentenceText(i))));
    expect(clock.now()).toBeLessThanOrEqual(3000);
  });

  it('fails each item for a model that is not a deployment', async () => {
    const { emu } = emulator({ deployments: ['mine'] });
    const client = await InProcessClient.open(emu);
    client.configure({ type: 'server_vad' }, 'gpt-4o-transcribe');
    client.appendPcm(synthesizeCorpus({ count: 1 }).pcm);
    const failed = await client.waitFor('conversation.item.input_audio_transcription.failed');
    expect(failed.error).toMatchObject({ code: 'model_not_found', param: 'session.audio.input.transcription.model' });
    expect(emu.stats().itemsFailed).toBe(1);
  });
});

describe('in-process emulator: upgrades', () => {
  it('refuses a wrong key, path or api-version as the server does, with the JSON body', async () => {
    const { emu } = emulator();
    const wrong = await refusedWith(emu, { headers: { 'api-key': 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.message).toBe('the server refused the WebSocket upgrade: HTTP 401 Unauthorized');
    expect(JSON.parse(wrong.body).error).toMatchObject({
      code: 'invalid_api_key',
      message: 'Incorrect API key provided.',
    });
    expect((await refusedWith(emu, { path: '/openai/realtime' })).status).toBe(404);
    // Header names are case-insensitive, as on HTTP.
    const client = await InProcessClient.open(emu, { headers: { 'Api-Key': KEY } });
    await client.waitFor('session.created');
  });

  it('a URL on another host or port, or after close(), is refused like a closed port', async () => {
    const { emu } = emulator();
    const request = { ...requestFor(emu), url: 'ws://127.0.0.1:2/openai/v1/realtime' };
    await expect(emu.connect(request)).rejects.toThrow('connection failed: connect ECONNREFUSED 127.0.0.1:2');
    await emu.close();
    const after = await refusedWith(emu);
    expect(after.status).toBeUndefined();
  });

  it('refuse: 503 with Retry-After (header names lower-cased), then a session', async () => {
    const { emu } = emulator({ faults: { refuse: { status: 503, count: 2 } } });
    for (let i = 0; i < 2; i++) {
      const refused = await refusedWith(emu);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(JSON.parse(refused.body).error.code).toBe('service_unavailable');
    }
    const client = await InProcessClient.open(emu);
    await client.waitFor('session.created');
    expect(emu.stats()).toMatchObject({ upgrades: 3, refused: { 503: 2 }, sessionsOpened: 1 });
  });

  it('maxSessions: 429 beyond the cap until a session ends', async () => {
    const { emu } = emulator({ faults: { maxSessions: 1 } });
    const first = await InProcessClient.open(emu);
    const second = await refusedWith(emu);
    expect([second.status, JSON.parse(second.body).error.code]).toEqual([429, 'rate_limit_exceeded']);
    first.transport.close();
    await first.closed;
    await (await InProcessClient.open(emu)).waitFor('session.created');
    expect(emu.stats()).toMatchObject({ maxConcurrent: 1, refused: { 429: 1 }, sessionsOpened: 2 });
  });

  it('the retired beta shape gets its error, then close 4000', async () => {
    const { emu } = emulator();
    const client = await InProcessClient.open(emu, { headers: { 'api-key': KEY, 'OpenAI-Beta': 'realtime=v1' } });
    expect((await client.waitFor('error')).error.code).toBe('beta_api_shape_disabled');
    expect(await client.closed).toEqual({ code: 4000, reason: 'beta_api_shape_disabled', cause: 'remote' });
  });
});

describe('in-process emulator: faults, at exact virtual times', () => {
  it('drop: the client sees 1006 (remote) exactly at the planned time', async () => {
    const { emu, clock } = emulator({ timeScale: 10, faults: { drop: { afterMs: 60_000 } } });
    const client = await InProcessClient.open(emu);
    expect(await client.closed).toEqual({ code: 1006, reason: '', cause: 'remote' });
    expect(clock.now()).toBe(6000);
    expect(emu.stats()).toMatchObject({ drops: 1, current: 0 });
    expect(emu.stats().sessions[0]!.endReason).toBe('drop');
  });

  it('drop: random times from the seed, each session closed exactly at its planned time; dropSessions', async () => {
    const { emu, clock } = emulator({
      timeScale: 20,
      seed: 7,
      faults: { drop: { betweenMs: [1000, 4000] }, dropSessions: [1, 3] },
    });
    const sessions = [
      await InProcessClient.open(emu),
      await InProcessClient.open(emu),
      await InProcessClient.open(emu),
    ];
    const closedAt: (number | undefined)[] = [];
    sessions.forEach((s, i) => void s.closed.then(() => (closedAt[i] = clock.now())));
    await Promise.all([sessions[0]!.closed, sessions[2]!.closed]);
    const planned = emu.stats().sessions.map((s) => s.dropAtMs);
    expect(planned[1]).toBeUndefined();
    expect([closedAt[0], closedAt[2]]).toEqual([planned[0]! / 20, planned[2]! / 20]);
    // Session 2 is still there, much later.
    await clock.sleep(60_000);
    sessions[1]!.send({ type: 'input_audio_buffer.clear' });
    await sessions[1]!.waitFor('input_audio_buffer.cleared');
    expect(closedAt[1]).toBeUndefined();
  });

  it('session cap: session_expired, then close 1001', async () => {
    const { emu, clock } = emulator({ timeScale: 60 });
    const client = await InProcessClient.open(emu);
    const error = await client.waitFor('error');
    expect(error.error).toMatchObject({
      code: 'session_expired',
      message: 'Your session hit the maximum duration of 30 minutes.',
    });
    expect(await client.closed).toEqual({
      code: 1001,
      reason: 'Your session hit the maximum duration of 30 minutes.',
      cause: 'remote',
    });
    expect(clock.now()).toBe(30_000);
    expect(emu.stats().expires).toBe(1);
  });

  it('stall: events stop, pings are still answered', async () => {
    const { emu, clock } = emulator({ faults: { stall: { session: 1, afterMs: 1000 } } });
    const client = await InProcessClient.open(emu, { pingIntervalMs: 5000, pongTimeoutMs: 2000 });
    await client.waitFor('session.created');
    await clock.sleep(1000);
    client.appendPcm(synthesizeCorpus({ count: 2 }).pcm);
    await clock.sleep(60_000);
    expect(client.events.map((e) => e.type)).toEqual(['session.created']);
    expect(client.closeInfo).toBeUndefined();
    client.transport.close();
    await client.closed;
    expect(emu.stats().sessions[0]!.endReason).toBe('stall');
  });

  it('stallPings: the ping watchdog closes with 1006, cause ping-timeout, one timeout after the first unanswered ping', async () => {
    const { emu, clock } = emulator({ faults: { stall: { session: 1, afterMs: 12_000 }, stallPings: true } });
    const client = await InProcessClient.open(emu, { pingIntervalMs: 5000, pongTimeoutMs: 2000 });
    expect(await client.closed).toEqual({ code: 1006, reason: '', cause: 'ping-timeout' });
    expect(clock.now()).toBe(17_000); // pings at 5 s and 10 s answered; the one at 15 s is not
    expect(emu.stats().stalls).toBe(1);
  });

  it('tooFast: audio far faster than real time is dropped (1006); audio at 1.9× for minutes is not', async () => {
    const { emu, clock } = emulator({ faults: { tooFast: 2 } });
    const racer = await InProcessClient.open(emu);
    racer.appendPcm(synthesizeCorpus({ count: 8 }).pcm);
    expect((await racer.closed).code).toBe(1006);
    expect(emu.stats()).toMatchObject({ tooFastDrops: 1 });

    const steady = await InProcessClient.open(emu);
    const chunk = new Int16Array(960 * 19); // 760 ms of audio every 400 ms
    for (let i = 0; i < 500; i++) {
      steady.appendPcm(chunk, 760);
      await clock.sleep(400);
    }
    steady.send({ type: 'input_audio_buffer.clear' });
    await steady.waitFor('input_audio_buffer.cleared');
    expect(steady.closeInfo).toBeUndefined();
    expect(emu.stats().tooFastDrops).toBe(1);
  });

  it('close(): every session ends with 1006 and nothing fires afterwards', async () => {
    const { emu, clock } = emulator({ latencyMs: [60_000, 60_000], faults: { drop: { afterMs: 120_000 } } });
    const client = await InProcessClient.open(emu);
    client.appendPcm(synthesizeCorpus({ count: 1 }).pcm);
    await client.waitFor('input_audio_buffer.committed');
    await emu.close();
    expect((await client.closed).code).toBe(1006);
    expect(emu.stats().sessions[0]!.endReason).toBe('shutdown');
    expect(clock.pending).toBe(0);
  });
});

describe('in-process transport: the client side, as the WebSocket transport behaves', () => {
  it('close(): onClose once, cause local, with the code; send afterwards throws', async () => {
    const { emu } = emulator();
    const client = await InProcessClient.open(emu);
    await client.waitFor('session.created');
    let calls = 0;
    client.transport.onClose(() => calls++);
    client.transport.close(1000, 'bye');
    expect(() => client.send({ type: 'input_audio_buffer.clear' })).toThrow(
      'cannot send input_audio_buffer.clear: the WebSocket is closing',
    );
    expect(await client.closed).toEqual({ code: 1000, reason: 'bye', cause: 'local' });
    client.transport.close();
    client.transport.terminate();
    expect(() => client.send({ type: 'input_audio_buffer.clear' })).toThrow('the WebSocket is closed');
    const late = await new Promise((resolve) => client.transport.onClose(resolve));
    expect(late).toEqual({ code: 1000, reason: 'bye', cause: 'local' });
    expect(calls).toBe(1);
    expect(emu.stats().sessions[0]!.endReason).toBe('client-close');
  });

  it('close(): events already on the way still arrive; terminate(): nothing more does', async () => {
    const { emu } = emulator();
    const graceful = await InProcessClient.open(emu);
    await graceful.waitFor('session.created');
    graceful.send({ type: 'input_audio_buffer.clear' });
    graceful.transport.close();
    await graceful.closed;
    expect(graceful.of('input_audio_buffer.cleared')).toHaveLength(1);

    const abrupt = await InProcessClient.open(emu);
    await abrupt.waitFor('session.created');
    abrupt.send({ type: 'input_audio_buffer.clear' });
    abrupt.transport.terminate();
    expect(await abrupt.closed).toEqual({ code: 1006, reason: '', cause: 'local' });
    expect(abrupt.of('input_audio_buffer.cleared')).toHaveLength(0);
  });

  it('close() with a code no endpoint may send throws and changes nothing', async () => {
    const { emu } = emulator();
    const client = await InProcessClient.open(emu);
    expect(() => client.transport.close(1006)).toThrow(TypeError);
    await client.waitFor('session.created');
    client.send({ type: 'input_audio_buffer.clear' });
    await client.waitFor('input_audio_buffer.cleared');
  });
});
