// The client events the emulator tests' own clients send (the socket one and the in-process one):
// the session.update as the library's codec builds it; appends of any chunk size, loose on purpose.
import { sessionUpdate } from '../../src/realtime/codec.js';
import type { TurnDetection } from '../../src/realtime/events.js';

/** A session.update for a transcription session of `model` with `turnDetection` (null: none). */
export function configureEvent(turnDetection: Record<string, unknown> | null, model: string): Record<string, unknown> {
  return sessionUpdate({ model, turnDetection: turnDetection as TurnDetection });
}

/** PCM16 samples as an append event carries them. */
export function base64(samples: Int16Array): string {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
}

/** The appends that carry `samples` in chunks of `chunkMs` (at 24 kHz). */
export function appendEvents(samples: Int16Array, chunkMs: number): Record<string, unknown>[] {
  const step = chunkMs * 24;
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < samples.length; i += step) {
    events.push({
      type: 'input_audio_buffer.append',
      audio: base64(samples.subarray(i, Math.min(samples.length, i + step))),
    });
  }
  return events;
}
