// A strict WebVTT reader for tests, following the file syntax of the W3C WebVTT spec (not its
// forgiving parser): the `WEBVTT` signature line, a blank line before the first cue, cues of an
// optional identifier, `timestamp --> timestamp` (hours optional, two or more digits; minutes and
// seconds below 60; three-digit milliseconds), then non-blank payload lines without `-->`, blocks
// separated by blank lines. In the payload every `&` must start a character reference and every
// `<` a cue tag. Cue times must increase: end after start, and (stricter than the spec, as subtitles
// here never overlap) each cue starting no earlier than the previous one ended.

export interface VttCue {
  id: string | undefined;
  startMs: number;
  endMs: number;
  /** Payload lines as written (escaped). */
  lines: string[];
  /** Payload lines with character references decoded (no tags are expected here). */
  text: string[];
}

const TIMESTAMP = '(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})';
const TIMING = new RegExp(`^${TIMESTAMP}[ \\t]+-->[ \\t]+${TIMESTAMP}(?:[ \\t]+.*)?$`);
const REFERENCE = /^&(?:amp|lt|gt|nbsp|lrm|rlm|#\d+|#x[0-9a-fA-F]+);/;
const TAG =
  /^<(?:\/?(?:c|i|b|u|ruby|rt|v|lang)(?:\.[^\s.>]+)*(?:[ \t][^>]*)?|\d{2,}:[0-5]\d:[0-5]\d\.\d{3}|[0-5]\d:[0-5]\d\.\d{3})>/;

export function parseVttStrict(text: string): VttCue[] {
  if (text.includes('\r')) throw new Error('VTT: carriage return found (expected LF line ends)');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split('\n');
  if (!/^WEBVTT(?:[ \t][^\n]*)?$/.test(lines[0] ?? '')) throw new Error('VTT: missing WEBVTT signature line');
  if (lines[0]!.includes('-->')) throw new Error('VTT: signature line contains -->');

  const cues: VttCue[] = [];
  let i = 1;
  const fail = (message: string): never => {
    throw new Error(`VTT line ${i + 1}: ${message} (${JSON.stringify(lines[i] ?? '<eof>')})`);
  };
  // The signature line must be followed by a blank line (or the end of the file).
  if (i < lines.length && lines[i] !== '') fail('expected a blank line after WEBVTT');
  while (i < lines.length) {
    // blank lines between blocks
    while (i < lines.length && lines[i] === '') i++;
    if (i >= lines.length) break;
    const block: string[] = [];
    const blockStart = i;
    while (i < lines.length && lines[i] !== '') block.push(lines[i++]!);
    let k = 0;
    let id: string | undefined;
    if (!block[0]!.includes('-->')) {
      if (/^(NOTE|STYLE|REGION)([ \t]|$)/.test(block[0]!)) {
        i = blockStart;
        fail('comment, style and region blocks are not expected in this output');
      }
      id = block[0];
      k = 1;
    }
    const m = TIMING.exec(block[k] ?? '');
    if (!m) {
      i = blockStart + k;
      fail('expected cue timings HH:MM:SS.mmm --> HH:MM:SS.mmm');
    }
    const startMs = toMs(m!.slice(1, 5));
    const endMs = toMs(m!.slice(5, 9));
    i = blockStart + k;
    if (!(endMs > startMs)) fail('cue ends before or when it starts');
    const previous = cues.at(-1);
    if (previous && startMs < previous.startMs) fail('cue starts before the previous cue starts');
    if (previous && startMs < previous.endMs) fail(`cue overlaps the previous cue (ends ${previous.endMs} ms)`);
    const payload = block.slice(k + 1);
    if (payload.length === 0) fail('cue has no payload');
    const decoded: string[] = [];
    payload.forEach((line, n) => {
      i = blockStart + k + 1 + n;
      if (line.includes('-->')) fail('payload contains -->');
      if (line.trim() === '') fail('whitespace-only payload line');
      decoded.push(decodePayload(line, fail));
    });
    i = blockStart + block.length;
    cues.push({ id, startMs, endMs, lines: payload, text: decoded });
  }
  return cues;
}

function decodePayload(line: string, fail: (message: string) => never): string {
  let out = '';
  for (let p = 0; p < line.length;) {
    const rest = line.slice(p);
    if (rest[0] === '&') {
      const ref = REFERENCE.exec(rest);
      if (!ref) fail(`bare & at column ${p + 1}`);
      out += decodeReference(ref![0]);
      p += ref![0].length;
    } else if (rest[0] === '<') {
      const tag = TAG.exec(rest);
      if (!tag) fail(`< that starts no cue tag at column ${p + 1}`);
      fail(`unexpected cue tag ${tag![0]}`);
    } else {
      out += rest[0];
      p += 1;
    }
  }
  return out;
}

function decodeReference(ref: string): string {
  const named: Record<string, string> = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&nbsp;': '\u00a0',
    '&lrm;': '\u200e',
    '&rlm;': '\u200f',
  };
  if (named[ref]) return named[ref];
  const hex = ref.startsWith('&#x') || ref.startsWith('&#X');
  return String.fromCodePoint(parseInt(ref.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
}

function toMs([h, m, s, ms]: string[]): number {
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}
