// Recording the audio each session received, exactly as decoded from `input_audio_buffer.append`
// (PCM16 mono 24 kHz, in order, deaf sessions included), so a test can align it with the input and
// check that every sample of speech arrived. A test and debugging feature: a recorder holds or
// writes all the audio it is given, bounded only by what its caller chooses to record.
import { appendFileSync, closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_RATE } from '../audio/pcm-format.js';
import { pcm16Bytes, WAV_HEADER_BYTES, wavHeader } from '../tonecode/wav.js';

/** Called with each append's samples and the 1-based number of the session that received them. */
export type RecordAudio = (session: number, pcm: Int16Array) => void;

/** Keeps every session's audio in memory. */
export class SessionRecorder {
  private readonly chunks = new Map<number, Int16Array[]>();

  /** Give this as the emulator's `record` option. */
  readonly record: RecordAudio = (session, pcm) => {
    let list = this.chunks.get(session);
    if (!list) this.chunks.set(session, (list = []));
    list.push(pcm.slice()); // a copy: the session may hand the same array on
  };

  /** Session numbers that received audio, in order. */
  sessions(): number[] {
    return [...this.chunks.keys()].sort((a, b) => a - b);
  }

  /** All the audio session `n` received, in order (empty if none). */
  audio(session: number): Int16Array {
    const list = this.chunks.get(session) ?? [];
    const out = new Int16Array(list.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of list) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

/**
 * Writes each session's audio to `dir/session-N.wav` (a file of that name is replaced) (PCM16 mono 24 kHz) as it arrives. The
 * header's sizes are brought up to date after every append, so each file is a valid WAV at any
 * moment (the emulator may be stopped by a signal) and nothing needs closing.
 */
export function wavDirRecorder(dir: string): RecordAudio {
  const written = new Map<number, number>(); // session → data bytes so far
  return (session, pcm) => {
    const path = join(dir, `session-${session}.wav`);
    let bytes = written.get(session);
    if (bytes === undefined) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, wavHeader(0, SAMPLE_RATE, 1));
      bytes = 0;
    }
    const data = pcm16Bytes(pcm);
    appendFileSync(path, data);
    bytes += data.length;
    written.set(session, bytes);
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, wavHeader(bytes, SAMPLE_RATE, 1), 0, WAV_HEADER_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  };
}
