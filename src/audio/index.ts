// The audio layer: decode any input to PCM16 mono 24 kHz, cut it into chunks, pace it, measure it.
export { decodeToPcm } from './decode.js';
export type { DecodedInput, DecodeOptions, DecodeResult } from './decode.js';
export { rechunk } from './rechunk.js';
export { Pacer, initialPacerState, markReleased, measureSchedule, nextRelease, reanchorState } from './pacer.js';
export type { PacerDecision, PacerOptions, PacerState, ScheduleStats } from './pacer.js';
export { isSilent, quietestOffset, rmsDbfs } from './energy.js';
export { parseWavHeader, wavDeclaredSeconds } from './wav-header.js';
export type { WavHeader, WavParseResult, WavSampleFormat } from './wav-header.js';
export { locateFfmpeg } from './ffmpeg-locate.js';
export type { FfmpegLocation, LocateOptions } from './ffmpeg-locate.js';
export * from './pcm-format.js';
