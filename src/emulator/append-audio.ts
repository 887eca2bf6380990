// The audio of one `input_audio_buffer.append`, checked as the service checks it: base64, at most
// 15 MiB decoded, whole PCM16 samples. Pure: the event's field in, samples or the error out.
import type { ErrorDetail } from '../realtime/events.js';

const MAX_APPEND_BYTES = 15 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeAppend(audio: unknown, eventId: string | null): Int16Array | ErrorDetail {
  const invalid = (message: string): ErrorDetail => ({
    type: 'invalid_request_error',
    code: 'invalid_value',
    message: `Invalid 'audio': ${message}`,
    param: 'audio',
    event_id: eventId,
  });
  if (typeof audio !== 'string' || audio.length % 4 !== 0 || !BASE64.test(audio)) {
    return invalid('expected base64-encoded PCM16 audio.');
  }
  const bytes = Buffer.from(audio, 'base64');
  if (bytes.length > MAX_APPEND_BYTES) {
    return invalid(`one append may carry at most 15 MiB of audio, got ${(bytes.length / 1024 / 1024).toFixed(1)} MiB.`);
  }
  if (bytes.length % 2 !== 0) return invalid('PCM16 audio must be a whole number of 2-byte samples.');
  const samples = new Int16Array(bytes.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i);
  return samples;
}
