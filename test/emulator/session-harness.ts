// The protocol core alone, for tests: no socket, and latency timers run when the test says so.
import { ProtocolSession, type OutgoingEvent, type SessionOptions } from '../../src/emulator/session.js';
import { base64 } from './client.js';

export function sessionHarness(options: Partial<SessionOptions> = {}) {
  const events: OutgoingEvent[] = [];
  const pending: (() => void)[] = [];
  const closes: { code: number; reason: string }[] = [];
  let n = 0;
  const session = new ProtocolSession(
    {
      send: (e) => events.push(e),
      after: (_ms, fn) => pending.push(fn),
      close: (code, reason) => closes.push({ code, reason }),
      audioAppended: () => {},
    },
    { newId: (prefix) => `${prefix}_${++n}`, latencyMs: () => 0, deltas: false, ...options },
  );
  session.start({ betaHeader: false, modelParam: null });
  const send = (event: Record<string, unknown>) => session.receive(JSON.stringify(event));
  // In 40 ms appends, as a client would.
  const append = (pcm: Int16Array) => {
    for (let i = 0; i < pcm.length; i += 960)
      send({ type: 'input_audio_buffer.append', audio: base64(pcm.subarray(i, i + 960)) });
  };
  const flush = () => pending.splice(0).forEach((fn) => fn());
  const of = <T extends OutgoingEvent['type']>(type: T) =>
    events.filter((e) => e.type === type) as Extract<OutgoingEvent, { type: T }>[];
  const transcripts = () => of('conversation.item.input_audio_transcription.completed').map((e) => e.transcript);
  const manualCommits = () =>
    send({ type: 'session.update', session: { type: 'transcription', audio: { input: { turn_detection: null } } } });
  return { session, events, closes, send, append, flush, of, transcripts, manualCommits };
}

export const cap = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;
