// Characters a transcript must not carry into a file or onto a terminal: C0 controls other than
// tab and newline (NUL, BEL, ESC…), DEL and the C1 controls (0x9b is a CSI on many terminals). A
// service that sends them (or text a model made up) would otherwise ring bells, move the cursor
// or end a C string early in whatever reads the file.

// Tab, newline and carriage return are whitespace the formats already fold into spaces.
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}
