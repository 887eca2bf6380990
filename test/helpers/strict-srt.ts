// A strict SubRip reader for tests: it accepts only well-formed files and throws, naming the line,
// at the first thing a lenient player would have to guess about. Rules: LF line ends, cues numbered
// 1, 2, 3… without gaps, `HH:MM:SS,mmm --> HH:MM:SS,mmm` (hours two or more digits, minutes and
// seconds below 60), one or more non-blank text lines with no `-->`, exactly one blank line between
// cues, end after start, and each cue starting no earlier than the previous one ended.

export interface SrtCue {
  index: number;
  startMs: number;
  endMs: number;
  lines: string[];
}

const TIMING = /^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$/;

export function parseSrtStrict(text: string): SrtCue[] {
  if (text === '') return [];
  if (text.includes('\r')) throw new Error('SRT: carriage return found (expected LF line ends)');
  if (!text.endsWith('\n')) throw new Error('SRT: file does not end with a newline');
  const lines = text.split('\n');
  // A trailing blank line after the last cue is conventional; the split leaves '' entries for it.
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new Error('SRT: file has only blank lines');

  const cues: SrtCue[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`SRT line ${i + 1}: ${message} (${JSON.stringify(lines[i] ?? '<eof>')})`);
  };
  while (i < lines.length) {
    const expected = cues.length + 1;
    if (lines[i] !== String(expected)) fail(`expected cue number ${expected}`);
    i++;
    const m = TIMING.exec(lines[i] ?? '');
    if (!m) fail('expected a timing line HH:MM:SS,mmm --> HH:MM:SS,mmm');
    const startMs = toMs(m!.slice(1, 5));
    const endMs = toMs(m!.slice(5, 9));
    if (!(endMs > startMs)) fail('cue ends before or when it starts');
    const previous = cues.at(-1);
    if (previous && startMs < previous.endMs) fail(`cue starts before the previous cue ends (${previous.endMs} ms)`);
    i++;
    const textLines: string[] = [];
    while (i < lines.length && lines[i] !== '') {
      const line = lines[i]!;
      if (line.trim() === '') fail('whitespace-only text line');
      if (line.includes('-->')) fail('text line contains -->');
      textLines.push(line);
      i++;
    }
    if (textLines.length === 0) fail('cue has no text');
    cues.push({ index: expected, startMs, endMs, lines: textLines });
    if (i < lines.length) {
      // exactly one blank line between cues
      i++;
      if (lines[i] === '') fail('more than one blank line between cues');
    }
  }
  return cues;
}

function toMs([h, m, s, ms]: string[]): number {
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}
