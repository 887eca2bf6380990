// What the service says no to: a rejected configuration, Retry-After on 429/503, and Bearer tokens
// that expire (tokenTtlMs), at protocol level and in process on a virtual clock.
import { afterEach, describe, expect, it } from 'vitest';
import { REJECTABLE } from '../../src/emulator/config-rejection.js';
import {
  startEmulator,
  startInProcessEmulator,
  VirtualClock,
  type EmulatorOptions,
  type InProcessEmulator,
} from '../../src/emulator/index.js';
import { ConnectError } from '../../src/realtime/transport-types.js';
import { InProcessClient, requestFor } from '../helpers/in-process-client.js';
import { refusal } from './client.js';
import { sessionHarness } from './session-harness.js';

const KEY = 'test-key';
const update = (input: Record<string, unknown>, eventId = 'evt_1') => ({
  type: 'session.update',
  event_id: eventId,
  session: { type: 'transcription', audio: { input } },
});

describe('rejectConfig at protocol level', () => {
  it('an update setting the parameter gets an error with its param, and no session.updated; the session goes on', () => {
    const h = sessionHarness({ rejectConfig: REJECTABLE.turn_detection });
    h.send(update({ transcription: { model: 'gpt-realtime-whisper' }, turn_detection: { type: 'server_vad' } }));
    expect(h.events.slice(1)).toEqual([
      {
        type: 'error',
        event_id: expect.any(String),
        error: {
          type: 'invalid_request_error',
          code: 'invalid_value',
          message: "This model does not support turn detection: set 'session.audio.input.turn_detection' to null.",
          param: 'session.audio.input.turn_detection',
          event_id: 'evt_1',
        },
      },
    ]);
    // The same update without it (turn detection off) is accepted.
    h.send(update({ transcription: { model: 'gpt-realtime-whisper' }, turn_detection: null }, 'evt_2'));
    expect(h.events.at(-1)).toMatchObject({
      type: 'session.updated',
      session: { audio: { input: { turn_detection: null } } },
    });
  });

  it('a rule with a value rejects only that value; a bare parameter path gets a generic message', () => {
    const vad = sessionHarness({ rejectConfig: REJECTABLE.semantic_vad });
    vad.send(update({ turn_detection: { type: 'server_vad' } }));
    vad.send(update({ turn_detection: { type: 'semantic_vad' } }, 'evt_2'));
    expect(vad.events.slice(1).map((e) => e.type)).toEqual(['session.updated', 'error']);
    expect(vad.of('error')[0]!.error).toMatchObject({
      param: 'session.audio.input.turn_detection.type',
      event_id: 'evt_2',
    });

    const language = sessionHarness({ rejectConfig: { param: 'session.audio.input.transcription.language' } });
    language.send(update({ transcription: { model: 'm', language: 'xx' } }));
    expect(language.of('error')[0]!.error.message).toBe(
      "Invalid value for 'session.audio.input.transcription.language': not supported by this service.",
    );
    expect(language.of('session.updated')).toHaveLength(0);
  });
});

describe('refusals in process, on a virtual clock', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });
  function emulator(options: EmulatorOptions) {
    const clock = new VirtualClock();
    const emu = startInProcessEmulator({ key: KEY, seed: 1, clock, ...options });
    cleanup.push(async () => {
      await emu.close();
      clock.dispose();
    });
    return { emu, clock };
  }
  async function refused(emu: InProcessEmulator, headers?: Record<string, string>): Promise<ConnectError> {
    const result = await emu.connect(requestFor(emu, headers ? { headers } : {})).then(
      (transport) => {
        transport.terminate();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(result).toBeInstanceOf(ConnectError);
    return result as ConnectError;
  }

  it('retryAfterSec: the Retry-After of 429 and 503 refusals; 0 sends none', async () => {
    const { emu } = emulator({ faults: { refuse: { status: 429, count: 1 }, maxSessions: 1, retryAfterSec: 3 } });
    expect((await refused(emu)).headers).toEqual({ 'content-type': 'application/json', 'retry-after': '3' });
    await InProcessClient.open(emu);
    const full = await refused(emu);
    expect([full.status, full.headers['retry-after']]).toEqual([429, '3']);
    const quiet = emulator({ faults: { refuse: { status: 503 }, retryAfterSec: 0 } }).emu;
    expect((await refused(quiet)).headers).toEqual({ 'content-type': 'application/json' });
  });

  it('tokenTtlMs: each Bearer token works for its TTL of (unscaled) clock time after first use, then 401', async () => {
    const { emu, clock } = emulator({ timeScale: 10, faults: { tokenTtlMs: 4000 } });
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    (await InProcessClient.open(emu, { headers: bearer(`${KEY}.1`) })).transport.terminate();
    await clock.sleep(3999);
    (await InProcessClient.open(emu, { headers: bearer(`${KEY}.1`) })).transport.terminate();
    await clock.sleep(1);
    const expired = await refused(emu, bearer(`${KEY}.1`));
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.body).error).toEqual({
      type: 'invalid_request_error',
      code: 'expired_token',
      message: 'Unauthorized: the access token has expired. Get a new token and connect again.',
      param: null,
    });
    // A fresh token works; the key in api-key never expires.
    (await InProcessClient.open(emu, { headers: bearer(`${KEY}.2`) })).transport.terminate();
    await clock.sleep(60_000);
    (await InProcessClient.open(emu, { headers: { 'api-key': KEY } })).transport.terminate();
    expect((await refused(emu, bearer(`${KEY}.2`))).status).toBe(401);
    expect(emu.stats().refused).toEqual({ 401: 2 });
  });
});

describe('refusals over the socket', () => {
  it('sends the Retry-After it was given on a refused upgrade', async () => {
    const e = await startEmulator({ key: KEY, faults: { refuse: { status: 503 }, retryAfterSec: 3 } });
    try {
      const refused = await refusal(e.url, { key: KEY });
      expect([refused.status, refused.headers['retry-after']]).toEqual([503, '3']);
    } finally {
      await e.close();
    }
  });
});
