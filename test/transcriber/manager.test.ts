// The session manager against a scripted fake service, with a virtual clock: an hour of audio, out
// of order completions, drops in the middle of speech and late events from dead sockets, in
// milliseconds of test time. No sockets, no timers, no ffmpeg: the policy alone.
import { describe, expect, it } from 'vitest';
import { SessionManager } from '../../src/transcriber/manager.js';
import type { PolicyOptions } from '../../src/transcriber/options.js';
import { defaultPolicy } from '../../src/run/policy.js';
import { noEventLog } from '../../src/transcriber/event-log.js';
import type { Clock } from '../../src/util/clock.js';
import type { ClientEvent, ServerEvent } from '../../src/realtime/events.js';
import type { CloseInfo, Connect, Transport } from '../../src/realtime/transport-types.js';
import type { TranscribeEvent } from '../../src/transcriber/events.js';
import { resolveEndpoint, type ResolvedEndpoint } from '../../src/realtime/endpoint.js';

const RATE = 24_000;

// Virtual time: a sleep resolves on the next macrotask with the clock moved forward.
function virtualClock(): Clock & { advance(ms: number): void; onAdvance(listener: () => void): void } {
  let now = 0;
  const listeners: (() => void)[] = [];
  return {
    now: () => now,
    advance: (ms) => (now += ms),
    onAdvance: (listener) => listeners.push(listener),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        setImmediate(() => {
          if (signal?.aborted) return reject(signal.reason);
          now += Math.max(0, ms);
          for (const listener of listeners) listener();
          resolve();
        });
      }),
  };
}

// Utterance i is one second of a constant level 1000 + 10·i, then one second of silence: the fake
// service "recognises" the level, so every word can be traced to the audio that carried it.
function* utterances(count: number): Generator<Buffer> {
  for (let i = 0; i < count; i++) {
    const sound = Buffer.alloc(RATE * 2);
    for (let s = 0; s < RATE; s++) sound.writeInt16LE(s % 2 ? 1000 + 10 * i : -(1000 + 10 * i), s * 2);
    yield sound;
    yield Buffer.alloc(RATE * 2);
  }
}

async function* source(count: number): AsyncIterable<Buffer> {
  for (const buf of utterances(count)) yield buf;
}

interface ServiceScript {
  /** Session number → close it (1006) after this many appended samples. */
  dropAfter?: Map<number, number>;
  /** Completions come back in reverse order in pairs (out of order). */
  reorder?: boolean;
}

// A fake Realtime service: a server VAD on 40 ms chunks, out of order completions on demand,
// abrupt drops, and (after a drop) one late event that must be ignored.
function fakeService(
  script: ServiceScript,
  clock: ReturnType<typeof virtualClock>,
): { connect: Connect; sessions: number } {
  const state = { sessions: 0 };
  const connect: Connect = async () => {
    const number = ++state.sessions;
    let onEvent: (e: ServerEvent, raw: string) => void = () => {};
    let onClose: (info: CloseInfo) => void = () => {};
    let closed = false;
    let samples = 0;
    let speech: { id: string; startMs: number; level: number } | undefined;
    let silentMs = 0;
    let previous: string | null = null;
    let items = 0;
    const held: ServerEvent[] = [];
    let heldSince = 0; // clock time of the oldest held completion
    // A completion held back (to be overtaken by the next one, 2 s later) is not held forever: 3 s at most,
    // as the service answers within a few seconds whether more audio comes or not.
    clock.onAdvance(() => {
      if (!closed && held.length > 0 && clock.now() - heldSince > 3000) emit(held.pop()!);
    });
    const emit = (event: ServerEvent) => setImmediate(() => !closed && onEvent(event, JSON.stringify(event)));
    const close = (code: number) => {
      if (closed) return;
      closed = true;
      setImmediate(() => onClose({ code, reason: '', cause: code === 1000 ? 'local' : 'remote' }));
    };
    const complete = (event: ServerEvent) => {
      if (!script.reorder) return emit(event);
      if (held.length === 0) heldSince = clock.now();
      held.push(event);
      if (held.length === 2) {
        emit(held.pop()!);
        emit(held.pop()!);
      }
    };
    const transport: Transport = {
      send(event: ClientEvent) {
        if (closed) throw new Error('closed');
        if (event.type === 'session.update') emit({ type: 'session.updated', session: {} });
        if (event.type !== 'input_audio_buffer.append') return;
        const pcm = Buffer.from(event.audio, 'base64');
        const level = Math.abs(pcm.readInt16LE(0));
        const ms = (samples * 1000) / RATE;
        samples += pcm.length / 2;
        if (level > 0 && !speech) {
          speech = { id: `s${number}i${++items}`, startMs: ms, level };
          // Like the service: the start includes 300 ms of prefix padding, clamped at 0.
          emit({
            type: 'input_audio_buffer.speech_started',
            item_id: speech.id,
            audio_start_ms: Math.max(0, ms - 300),
          });
          silentMs = 0;
        } else if (level === 0 && speech) {
          silentMs += 40;
          if (silentMs >= 500) {
            const id = speech.id;
            const text = `u${(speech.level - 1000) / 10}`;
            emit({ type: 'input_audio_buffer.speech_stopped', item_id: id, audio_end_ms: ms + 40 });
            emit({ type: 'input_audio_buffer.committed', item_id: id, previous_item_id: previous });
            previous = id;
            speech = undefined;
            complete({ type: 'conversation.item.input_audio_transcription.completed', item_id: id, transcript: text });
          }
        }
        const dropAt = script.dropAfter?.get(number);
        if (dropAt !== undefined && samples >= dropAt) {
          // A completion that was on the wire when the socket died arrives late: never acted on.
          onEvent(
            { type: 'conversation.item.input_audio_transcription.completed', item_id: 'late', transcript: 'LATE' },
            '{}',
          );
          close(1006);
        }
      },
      bufferedAmount: () => 0,
      close: () => close(1000),
      terminate: () => close(1006),
      onEvent: (listener) => (onEvent = listener),
      onClose: (listener) => (onClose = listener),
    };
    return transport;
  };
  return {
    connect,
    get sessions() {
      return state.sessions;
    },
  };
}

const endpoint: ResolvedEndpoint = resolveEndpoint(
  { endpoint: 'http://127.0.0.1:1', apiKey: 'test-key', deployment: 'fake' },
  {},
);

async function run(count: number, script: ServiceScript, policy: Partial<PolicyOptions> = {}) {
  const events: TranscribeEvent[] = [];
  const clock = virtualClock();
  const service = fakeService(script, clock);
  const manager = new SessionManager({
    connect: service.connect,
    endpoint,
    clock,
    random: () => 0.5,
    // The fake service releases a held completion only as audio arrives: send every sample.
    policy: { ...defaultPolicy, chunkMs: 40, skipSilence: 'off', ...policy },
    emit: (event) => events.push(event),
    eventLog: noEventLog,
  });
  const summary = await manager.run({ pcm: source(count), live: false });
  const segments = events.flatMap((e) => (e.type === 'segment' ? [e.segment] : []));
  return { summary, segments, events, service };
}

const expected = (count: number) => Array.from({ length: count }, (_, i) => `u${i}`);

describe('SessionManager (virtual clock, fake service)', () => {
  it('transcribes every utterance once, in order, with times on the input clock', async () => {
    const { segments, summary } = await run(30, {});
    expect(segments.map((s) => s.text)).toEqual(expected(30));
    // Utterance i's sound is input seconds [2i, 2i+1).
    for (const [i, segment] of segments.entries()) {
      expect(segment.start).toBeCloseTo(2 * i, 1); // the prefix padding taken back out
      expect(segment.end).toBeCloseTo(2 * i + 1, 1); // the silence window taken back out
      expect(segment.end).toBeLessThanOrEqual(2 * i + 1.5);
    }
    expect(summary.sessions).toBe(1);
  });

  it('orders out-of-order completions by the committed chain', async () => {
    const { segments } = await run(20, { reorder: true });
    expect(segments.map((s) => s.text)).toEqual(expected(20));
  });

  it('resumes after drops in the middle of speech: nothing lost, nothing repeated, late events ignored', async () => {
    const drops = new Map([
      [1, RATE * 7.5], // mid-utterance 3
      [2, RATE * 10.2],
      [3, RATE * 3.04],
    ]);
    const { segments, summary } = await run(25, { dropAfter: drops, reorder: true });
    expect(segments.map((s) => s.text)).toEqual(expected(25));
    expect(summary.resumes).toBe(3);
    expect(summary.endReasons.dropped).toBe(3);
    // Times stay on the input's clock across sessions.
    for (const [i, segment] of segments.entries()) expect(segment.start).toBeCloseTo(2 * i, 1);
    expect(summary.resentSec).toBeGreaterThan(0);
  });

  it('runs an hour of audio with rotations in about a second of test time', async () => {
    const { segments, summary } = await run(1800, {}, { rotateAfterMs: 5 * 60_000 });
    expect(segments.map((s) => s.text)).toEqual(expected(1800));
    expect(summary.rotations).toBeGreaterThanOrEqual(11);
    expect(summary.resumes).toBe(0);
  }, 60_000);
});
