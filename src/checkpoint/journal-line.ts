// One journal line as written to disk: the entry's JSON with a CRC-32 of that JSON as its last
// field, `{"ack":12.5,"crc":"1c291ca3"}`. Any changed byte (a flipped letter, one digit of an
// offset) fails the check, so a damaged line is never trusted; the line stays JSON, for people
// and tools that read the file. Pure.
import { stringifyInert } from '../util/inert-json.js';

const SUFFIX = /,"crc":"([0-9a-f]{8})"\}$/;

// CRC-32 (IEEE, as zlib computes it) of the UTF-8 bytes: zlib.crc32 needs Node 20.15, and the
// package supports every Node 20.
const TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function checksum(json: string): string {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(json, 'utf8')) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** The line for `entry`, with its checksum and the newline. */
export function encodeLine(entry: object): string {
  // Escaped like the JSON transcript, so that `cat` of a journal sends a terminal no control.
  const json = stringifyInert(entry);
  return `${json.slice(0, -1)},"crc":"${checksum(json)}"}\n`;
}

export type DecodedLine =
  | { ok: true; entry: Record<string, unknown> }
  /** `unchecked`: valid JSON with no checksum (a journal of an earlier version). */
  | { ok: false; unchecked?: Record<string, unknown> };

/** The entry of one line (no newline), or why it is not to be trusted. */
export function decodeLine(text: string): DecodedLine {
  const match = SUFFIX.exec(text);
  if (!match) return { ok: false, ...uncheckedEntry(text) };
  const json = `${text.slice(0, match.index)}}`;
  if (checksum(json) !== match[1]) return { ok: false };
  const entry = parseObject(json);
  return entry ? { ok: true, entry } : { ok: false };
}

function uncheckedEntry(text: string): { unchecked?: Record<string, unknown> } {
  const entry = parseObject(text);
  return entry ? { unchecked: entry } : {};
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
