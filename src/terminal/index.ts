// The pieces of src/terminal the command line uses: what a person watching the run sees
// (progress, status line, summary).

export { colorsEnabled, paint, type Paint } from './colors.js';
export { formatClock } from './clock-text.js';
export { formatRunSummary, type RunTotals } from './summary.js';
export { createProgress, type BarLook, type ProgressUpdate } from './progress.js';
export { barGlyphSet } from './bar-glyphs.js';
export { createTerminalWriter } from './terminal-writer.js';
export { displayWidth } from './display-width.js';
export { createBatchProgress } from './batch-progress.js';
