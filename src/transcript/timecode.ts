// Cue timestamps for SubRip and WebVTT: HH:MM:SS followed by milliseconds after `,` (SRT) or `.`
// (VTT). Hours take two digits and grow past 99 when needed, which WebVTT allows and SRT readers
// tolerate far better than a wrapped clock would.

export function formatTimecode(ms: number, fractionSeparator: ',' | '.'): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const millis = total % 1000;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${fractionSeparator}${pad(millis, 3)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
