// Counts what a client puts on the wire, by wrapping its Connect: bytes each way (the JSON text
// of each message; WebSocket framing adds 2–14 bytes a frame), audio appended, and when each
// append left, per connection.
import type { Connect } from '../src/realtime/transport-types.js';
import { Histogram, SendTimer } from './stats.js';

export interface WireCounts {
  upBytes: number;
  downBytes: number;
  appendedMs: number;
  connections: number;
  /** Send-time errors of every append, ms. */
  sendErrors: Histogram;
  speed: number;
}

// The JSON around an append's base64, counted without encoding each append a second time.
export const APPEND_OVERHEAD = JSON.stringify({ type: 'input_audio_buffer.append', audio: '' }).length;

export function newWireCounts(speed: number): WireCounts {
  return { upBytes: 0, downBytes: 0, appendedMs: 0, connections: 0, sendErrors: new Histogram(), speed };
}

/** A new connection's send timer. */
export function connectionTimer(counts: WireCounts): SendTimer {
  counts.connections++;
  return new SendTimer(counts.sendErrors, counts.speed);
}

/** Records, into `counts`, an append of `audioMs` carried by `base64Length` characters at `at`. */
export function countAppend(
  counts: WireCounts,
  timer: SendTimer,
  at: number,
  audioMs: number,
  base64Length: number,
): void {
  counts.upBytes += APPEND_OVERHEAD + base64Length;
  counts.appendedMs += audioMs;
  timer.sent(at, audioMs);
}

export function meteredConnect(inner: Connect, counts: WireCounts): Connect {
  return async (request) => {
    const transport = await inner(request);
    const timer = connectionTimer(counts);
    const send = transport.send.bind(transport);
    transport.send = (event) => {
      if (event.type === 'input_audio_buffer.append') {
        // base64: 4 characters per 3 bytes; PCM16 at 24 kHz is 48 bytes a millisecond.
        const length = event.audio.length;
        const bytes = (length / 4) * 3 - (event.audio.endsWith('==') ? 2 : event.audio.endsWith('=') ? 1 : 0);
        countAppend(counts, timer, performance.now(), bytes / 48, length);
      } else counts.upBytes += JSON.stringify(event).length;
      send(event);
    };
    transport.onEvent((_event, raw) => (counts.downBytes += raw.length));
    return transport;
  };
}
