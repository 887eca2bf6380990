import { describe, expect, it } from 'vitest';
import { synthesizeCorpus } from '../../src/tonecode/index.js';
import { ProtocolSession, type OutgoingEvent } from '../../src/emulator/session.js';
import { base64 } from './client.js';

// The protocol core alone: no socket, latency timers run when the test says so.
function harness(deltas = false) {
  const events: OutgoingEvent[] = [];
  const pending: (() => void)[] = [];
  let n = 0;
  const session = new ProtocolSession(
    {
      send: (e) => events.push(e),
      after: (_ms, fn) => pending.push(fn),
      close: () => {},
      audioAppended: () => {},
    },
    { newId: (prefix) => `${prefix}_${++n}`, latencyMs: () => 0, deltas },
  );
  session.start({ betaHeader: false, modelParam: null });
  const append = (pcm: Int16Array) => {
    for (let i = 0; i < pcm.length; i += 960) {
      session.receive(JSON.stringify({ type: 'input_audio_buffer.append', audio: base64(pcm.subarray(i, i + 960)) }));
    }
  };
  const flush = () => pending.splice(0).forEach((fn) => fn());
  const of = <T extends OutgoingEvent['type']>(type: T) => events.filter((e) => e.type === type) as Extract<OutgoingEvent, { type: T }>[];
  return { session, events, append, flush, of };
}

describe('ProtocolSession', () => {
  it('gives each item exactly the audio from audio_start_ms to audio_end_ms', () => {
    const h = harness();
    h.append(synthesizeCorpus({ count: 3, leadingSilenceMs: 700 }).pcm);
    h.flush();
    const started = h.of('input_audio_buffer.speech_started');
    const stopped = h.of('input_audio_buffer.speech_stopped');
    const completed = h.of('conversation.item.input_audio_transcription.completed');
    expect(completed).toHaveLength(3);
    completed.forEach((c, i) => {
      expect(c.item_id).toBe(started[i]!.item_id);
      expect(c.usage).toEqual({ type: 'duration', seconds: (stopped[i]!.audio_end_ms - started[i]!.audio_start_ms) / 1000 });
    });
    expect(h.session.audioMs()).toBeCloseTo(synthesizeCorpus({ count: 3, leadingSilenceMs: 700 }).pcm.length / 24, 5);
  });

  it('keeps at most a minute of idle silence in VAD mode, so memory does not grow', () => {
    const h = harness();
    for (let i = 0; i < 90; i++) h.append(new Int16Array(24000));
    h.session.receive('{"type":"input_audio_buffer.commit"}');
    h.flush();
    const [done] = h.of('conversation.item.input_audio_transcription.completed');
    expect(done).toMatchObject({ transcript: '', usage: { seconds: 60 } });
  });

  it('after a session.update changing turn detection, the new VAD continues on the same clock', () => {
    const h = harness();
    h.append(new Int16Array(24000)); // 1 s of silence
    h.session.receive(
      JSON.stringify({ type: 'session.update', session: { type: 'transcription', audio: { input: { turn_detection: { type: 'server_vad', prefix_padding_ms: 0 } } } } }),
    );
    h.append(synthesizeCorpus({ count: 1 }).pcm);
    const [started] = h.of('input_audio_buffer.speech_started');
    expect(started!.audio_start_ms).toBe(1000);
  });
});
