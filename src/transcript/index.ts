// The public pieces of src/transcript: transcript formats, cues, files and the sink that writes them.

export { OUTPUT_FORMATS, isOutputFormat, parseFormats, type OutputFormat } from './formats.js';
export {
  DEFAULT_CUE_OPTIONS,
  createCueTimeline,
  segmentsToCues,
  splitSegment,
  type Cue,
  type CueOptions,
  type CueTimeline,
} from './cues.js';
export { formatTimecode } from './timecode.js';
export { formatTxt, formatTxtLine } from './txt.js';
export { TSV_HEADER, formatTsv, formatTsvRow } from './tsv.js';
export { formatSrt, formatSrtCue } from './srt.js';
export { VTT_HEADER, escapeVttText, formatVtt, formatVttCue } from './vtt.js';
export {
  JSON_TRANSCRIPT_VERSION,
  formatJson,
  toSegmentRecord,
  type SegmentRecord,
  type TranscriptMetadata,
} from './json.js';
export { formatJsonl, formatJsonlLine } from './jsonl.js';
export { createStreamingFormatter, formatTranscript, type StreamingFormatter } from './streaming.js';
export { outputFiles, type OutputFile } from './paths.js';
export { writeFileAtomic } from './atomic-write.js';
export { outputFailed } from './output-error.js';
export { createTranscriptSink, type TranscriptSink, type TranscriptSinkOptions } from './sink.js';
export { stripControls } from './control-chars.js';
