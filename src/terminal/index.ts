// The public pieces of src/terminal: what a person watching the run sees (progress, status line, summary).

export { colorsEnabled, paint, type ColorDecisionInput, type Paint, type Style } from './colors.js';
export { formatClock, formatSpeed } from './clock-text.js';
export { formatRunSummary, type RunTotals } from './summary.js';
export {
  createProgress,
  type BarLook,
  type ProgressDisplay,
  type ProgressOptions,
  type ProgressUpdate,
} from './progress.js';
export { barGlyphSet } from './bar-glyphs.js';
export {
  createTerminalWriter,
  type LiveRender,
  type TerminalWriter,
  type TerminalWriterOptions,
} from './terminal-writer.js';
export { displayWidth, padToWidth } from './display-width.js';
export {
  createBatchProgress,
  type FileOutcome,
  type BatchProgress,
  type BatchProgressOptions,
  type FileProgress,
} from './batch-progress.js';
