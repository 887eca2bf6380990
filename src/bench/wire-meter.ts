// Counts what a client puts on the wire, by wrapping its Connect: bytes each way (the JSON text
// of each message; WebSocket framing adds 2–14 bytes a frame), audio appended, and when each
// append left, per connection.
import type { Connect } from '../realtime/transport-types.js';
import type { SendLog } from './stats.js';

export interface WireCounts {
  upBytes: number;
  downBytes: number;
  appendedMs: number;
  connections: SendLog[];
}

// The JSON around an append's base64, counted without encoding each append a second time.
export const APPEND_OVERHEAD = JSON.stringify({ type: 'input_audio_buffer.append', audio: '' }).length;

export function newWireCounts(): WireCounts {
  return { upBytes: 0, downBytes: 0, appendedMs: 0, connections: [] };
}

/** Records, into `counts`, an append of `audioMs` carried by `base64Length` characters at `at`. */
export function countAppend(counts: WireCounts, log: SendLog, at: number, audioMs: number, base64Length: number): void {
  counts.upBytes += APPEND_OVERHEAD + base64Length;
  counts.appendedMs += audioMs;
  log.times.push(at);
  log.audioMs.push(audioMs);
}

export function meteredConnect(inner: Connect, counts: WireCounts): Connect {
  return async (request) => {
    const transport = await inner(request);
    const log: SendLog = { times: [], audioMs: [] };
    counts.connections.push(log);
    const send = transport.send.bind(transport);
    transport.send = (event) => {
      if (event.type === 'input_audio_buffer.append') {
        // base64: 4 characters per 3 bytes; PCM16 at 24 kHz is 48 bytes a millisecond.
        const length = event.audio.length;
        const bytes = (length / 4) * 3 - (event.audio.endsWith('==') ? 2 : event.audio.endsWith('=') ? 1 : 0);
        countAppend(counts, log, performance.now(), bytes / 48, length);
      } else counts.upBytes += JSON.stringify(event).length;
      send(event);
    };
    transport.onEvent((_event, raw) => (counts.downBytes += raw.length));
    return transport;
  };
}
