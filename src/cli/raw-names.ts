// File names that are not valid UTF-8 (`n\xff\xfe.wav`, from an old Latin-1 disk or a camera).
// Node decodes them to U+FFFD wherever it hands out a string (process.argv, readdir), and the
// string no longer names the file: "input file not found", or ENOENT in a batch. The bytes are
// still there (/proc/self/cmdline on Linux, readdir with encoding 'buffer'), and ffmpeg, the
// journal and every fs call take a path string, so such a file is given one: a symbolic link with
// a UTF-8 name, in a private directory, at a place derived from the bytes (so a continued run
// finds the same checkpoint identity).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

/** The raw bytes of each command-line argument that is not valid UTF-8, by the string Node made of it. */
export function rawArguments(cmdline: () => Buffer = () => readFileSync('/proc/self/cmdline')): Map<string, Buffer> {
  const raw = new Map<string, Buffer>();
  if (!process.argv.some((arg) => arg.includes('\ufffd'))) return raw;
  let bytes: Buffer;
  try {
    bytes = cmdline();
  } catch {
    return raw; // not Linux: the name is lost before the program starts
  }
  for (const part of splitNul(bytes)) if (!isUtf8(part)) raw.set(part.toString('utf8'), part);
  return raw;
}

function splitNul(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return parts;
}

/** A path string that opens the file at `raw` (bytes): a link to it in a private directory. */
export function aliasFor(raw: Buffer, lossyName: string): string {
  const absolute = raw[0] === 0x2f ? raw : Buffer.concat([Buffer.from(`${process.cwd()}/`), raw]);
  const digest = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `realtime-transcribe-${safeUser()}-names`, digest);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const link = join(dir, lossyName.replace(/^.*\//, '').replaceAll('\ufffd', '_') || 'input');
  try {
    if (readlinkSync(link, { encoding: 'buffer' }).equals(absolute)) return link;
    rmSync(link, { force: true });
  } catch {
    // no link yet
  }
  symlinkSync(absolute, link);
  return resolve(link);
}

function safeUser(): string {
  try {
    return String(userInfo().uid);
  } catch {
    return 'user';
  }
}
