// Tonecode (spec/tonecode.md): synthesize, write, decode and check the project's test signal.
export {
  VOCAB,
  SYMBOL_COUNT,
  TONE_MS,
  GAP_MS,
  WORD_MS,
  FADE_MS,
  TONE_PEAK,
  symbolFrequencyHz,
  symbolOfWord,
} from './vocab.js';
export { MAX_SENTENCES, sentenceSymbols, sentenceText, sentenceWordCount, sentenceNumberOf } from './corpus.js';
export { resolveCorpusOptions } from './options.js';
export type { CorpusOptions, ResolvedCorpusOptions, CorpusOptionNames } from './options.js';
export { corpusTimings, corpusDurationSec } from './timings.js';
export { PAUSE_PROFILES, pauseAfterMs } from './pause-profile.js';
export type { PauseProfile } from './pause-profile.js';
export type { SentenceTiming } from './timings.js';
export { synthesizeCorpus, synthesizeCorpusChunks } from './synth.js';
export type { SynthesizedCorpus } from './synth.js';
export { wavHeader, WAV_HEADER_BYTES } from './wav.js';
export { CORPUS_FILE_FORMATS, corpusWavChunks, formatFromPath, writeCorpusFile, writeCorpusWav } from './write.js';
export type { CorpusFileFormat, CorpusFileOptions } from './write.js';
export { decodeTonecode } from './decode.js';
export type { DecodedWord, DecodeResult } from './decode.js';
export { transcriptWords } from './transcript-words.js';
export { checkTranscript } from './check.js';
export type { CheckResult, DamagedSentence, ExpectedSentences } from './check.js';
export { formatCheckReport } from './check-report.js';
