// JSON as written to a file a person may `cat` or `jq -r`: JSON.stringify escapes C0 controls but
// passes DEL, the C1 controls (U+009B starts an escape sequence on many terminals), the line and
// paragraph separators and the bidirectional overrides raw. Those are escaped here as \uXXXX, so
// the bytes written hold no character a terminal acts on, and JSON.parse gives back the same text.

// Outside strings JSON.stringify writes only ASCII punctuation, digits and letters, so every match
// below lies inside a string literal, where \uXXXX means the same character.
const TERMINAL_ACTIVE = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeOne(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** JSON.stringify, with every terminal-active character escaped. */
export function stringifyInert(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(TERMINAL_ACTIVE, escapeOne);
}
