// What we can learn about an input before and while ffmpeg reads it: that a path is there and
// readable (so the user gets one clear line instead of ffmpeg's), and how long its WAV header
// says it is. ffmpeg's own Duration for a cut WAV is re-estimated from the file size, so only
// the header itself can show that audio is missing.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { TranscribeError } from '../errors.js';
import { parseWavHeader, wavDeclaredSeconds } from './wav-header.js';

export interface InputFileInfo {
  size: number;
  /** A regular file (not a FIFO or device, which must not be read ahead of ffmpeg). */
  regular: boolean;
  /** Seconds the file's WAV header declares; undefined when not a WAV or not said. */
  wavSeconds: number | undefined;
}

// A header with a LIST or bext chunk before the audio still fits in this comfortably.
export const HEADER_PROBE_BYTES = 64 * 1024;

// Throws INPUT_NOT_FOUND or INPUT_UNREADABLE; `sniffWav` reads the header of a regular file.
export function inspectInputFile(path: string, sniffWav: boolean): InputFileInfo {
  let stats;
  try {
    stats = statSync(path);
  } catch (err) {
    throw fileError(path, err);
  }
  if (stats.isDirectory()) {
    throw new TranscribeError('INPUT_UNREADABLE', `input is a directory (${path})`, {
      hint: 'pass the audio files inside it, or the directory to the command line tool, which transcribes each file',
    });
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    throw fileError(path, err);
  }
  const regular = stats.isFile();
  return { size: stats.size, regular, wavSeconds: regular && sniffWav ? readWavSeconds(path) : undefined };
}

function readWavSeconds(path: string): number | undefined {
  const head = Buffer.alloc(HEADER_PROBE_BYTES);
  let length: number;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    length = readSync(fd, head, 0, head.length, 0);
  } catch {
    return undefined; // ffmpeg will meet the same problem and say it better
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const header = parseWavHeader(head.subarray(0, length));
  return 'sampleRate' in header ? wavDeclaredSeconds(header) : undefined;
}

function fileError(path: string, err: unknown): TranscribeError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new TranscribeError('INPUT_NOT_FOUND', `input file not found (${path})`, {
      hint: 'check the path; to read audio from stdin, pass -',
      cause: err,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new TranscribeError('INPUT_UNREADABLE', `cannot read input (${path}): permission denied`, {
      hint: `give your user read permission on the file (ls -l ${path})`,
      cause: err,
    });
  }
  return new TranscribeError('INPUT_UNREADABLE', `cannot read input (${path}): ${code ?? String(err)}`, { cause: err });
}

// Watches the first bytes of a stream go by and reads their WAV header, if any. Gives up once
// HEADER_PROBE_BYTES have passed without a complete header; holds at most that much.
export class WavSniffer {
  #head: Buffer[] = [];
  #bytes = 0;
  #done = false;
  seconds: number | undefined;

  push(chunk: Buffer): void {
    if (this.#done) return;
    this.#head.push(chunk);
    this.#bytes += chunk.length;
    const header = parseWavHeader(Buffer.concat(this.#head, Math.min(this.#bytes, HEADER_PROBE_BYTES)));
    if ('incomplete' in header && this.#bytes < HEADER_PROBE_BYTES) return;
    this.seconds = 'sampleRate' in header ? wavDeclaredSeconds(header) : undefined;
    this.#done = true;
    this.#head = [];
  }
}
