// The emulator's marker for sound that is not tonecode, in place of words: its length, and where
// its item starts on the session's clock when that is known (`[speech 2.3 s at 14.2 s]`). Defined
// once here: the engine writes it; the emulator's note, the CLI's --local note and cue splitting
// (a marker is one unit, never cut in two) recognise it.

/** How notes name the marker to a reader. */
export const SPEECH_MARKER_FORM = '[speech N s]';

const SECONDS = String.raw`\d+(?:\.\d+)?`;
const MARKER_SOURCE = String.raw`\[speech ${SECONDS} s(?: at ${SECONDS} s)?\]`;

/** A marker anywhere in a text. */
export const SPEECH_MARKER = new RegExp(MARKER_SOURCE);

/** Every marker in a text (for replacing them). */
export const SPEECH_MARKERS = new RegExp(MARKER_SOURCE, 'g');

// A segment that is one marker and nothing else; a period or a capital may have been added.
const LONE_MARKER = new RegExp(`^${MARKER_SOURCE}\\.?$`, 'i');

/** The marker for `ms` of sound, with `startMs` (on the session's clock) when known. */
export function speechMarker(ms: number, startMs?: number): string {
  const at = startMs === undefined ? '' : ` at ${(startMs / 1000).toFixed(1)} s`;
  return `[speech ${(ms / 1000).toFixed(1)} s${at}]`;
}

/** Whether a segment's text is a marker alone. */
export function isLoneSpeechMarker(text: string): boolean {
  return LONE_MARKER.test(text.trim());
}
