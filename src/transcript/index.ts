// The pieces of src/transcript the command line uses: transcript formats, cue options, files and
// the sink that writes them.

export { parseFormats, type OutputFormat } from './formats.js';
export { type CueOptions } from './cues.js';
export { type TranscriptMetadata } from './json.js';
export { outputFiles } from './paths.js';
export { writeFileAtomic } from './atomic-write.js';
export { outputFailed } from './output-error.js';
export { createTranscriptSink, type TranscriptSink } from './sink.js';
