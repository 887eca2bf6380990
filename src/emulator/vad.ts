// Energy-based voice activity detection over 10 ms frames, driven only by the audio pushed into
// it: positions are sample counts on the session's appended-audio clock, never wall time, so the
// same audio gives the same turns whatever the sending speed.
//
// `threshold` (0..1, the service's knob) maps linearly onto a frame-RMS level in dBFS:
//   dBFS = -70 + 60 * threshold      (0 → -70, 0.5 → -40, 1 → -10)
// At the default 0.5, tonecode words (peak 0.3 of full scale ≈ -13.5 dBFS RMS) are 26 dB above it
// and white noise at -55 dBFS is 15 dB below it.

export const FRAME_SAMPLES = 240; // 10 ms at 24 kHz
const SAMPLES_PER_MS = 24;
// Two loud frames in a row start speech, so a lone click is not an utterance.
const START_FRAMES = 2;

export interface VadSettings {
  threshold: number; // 0..1
  prefixPaddingMs: number;
  silenceDurationMs: number;
}

export function thresholdToDbfs(threshold: number): number {
  return -70 + 60 * Math.min(1, Math.max(0, threshold));
}

export type VadEvent =
  // audioStart = speech start minus prefix padding, never before the floor (last commit or clear).
  | { type: 'speech_started'; speechStart: number; audioStart: number }
  // audioEnd = where the silence reached silenceDurationMs (so it includes that silence).
  | { type: 'speech_stopped'; audioStart: number; audioEnd: number };

export interface VadSegment {
  audioStart: number;
  audioEnd: number;
}

export class EnergyVad {
  private readonly minSquareMean: number;
  private readonly prefixSamples: number;
  private readonly silenceFrames: number;
  private readonly partial = new Int16Array(FRAME_SAMPLES);
  private partialLength = 0;
  private position: number; // samples seen so far (the end of the audio clock)
  private floor: number;
  private loudRun = 0;
  private quietRun = 0;
  private speech: { audioStart: number } | null = null;

  // `start` is the clock position of the first sample pushed (a VAD made mid-session by a
  // session.update starts there); `floor` is the earliest sample an utterance may include.
  constructor(settings: VadSettings, start = 0, floor = start) {
    const level = 32768 * 10 ** (thresholdToDbfs(settings.threshold) / 20);
    this.minSquareMean = level * level;
    this.prefixSamples = Math.round(settings.prefixPaddingMs * SAMPLES_PER_MS);
    this.silenceFrames = Math.max(1, Math.ceil(settings.silenceDurationMs / 10));
    this.position = start;
    this.floor = Math.min(floor, start);
  }

  get inSpeech(): boolean {
    return this.speech !== null;
  }

  // Start of the utterance in progress (with its prefix padding), if any.
  get speechAudioStart(): number | null {
    return this.speech?.audioStart ?? null;
  }

  push(samples: Int16Array): VadEvent[] {
    const events: VadEvent[] = [];
    let offset = 0;
    // Frames are aligned to the clock, so a partial frame waits for the next push.
    if (this.partialLength > 0) {
      const take = Math.min(FRAME_SAMPLES - this.partialLength, samples.length);
      this.partial.set(samples.subarray(0, take), this.partialLength);
      this.partialLength += take;
      offset = take;
      if (this.partialLength === FRAME_SAMPLES) {
        this.frame(this.partial, events);
        this.partialLength = 0;
      }
    }
    while (samples.length - offset >= FRAME_SAMPLES) {
      this.frame(samples.subarray(offset, offset + FRAME_SAMPLES), events);
      offset += FRAME_SAMPLES;
    }
    if (offset < samples.length) {
      this.partial.set(samples.subarray(offset), 0);
      this.partialLength = samples.length - offset;
    }
    return events;
  }

  // A commit in VAD mode: ends the utterance in progress at the current end of the audio and
  // returns it; later utterances may not reach back before this point.
  cut(): VadSegment | null {
    const end = this.position + this.partialLength;
    const segment = this.speech ? { audioStart: this.speech.audioStart, audioEnd: end } : null;
    this.forget(end);
    return segment;
  }

  // A commit that leaves the utterance in progress open (commitClosesSpeech off): from now on it
  // covers only the audio from `at`, which is also as far back as any later one may reach.
  moveSpeechStart(at: number): void {
    if (this.speech) this.speech.audioStart = at;
    this.floor = at;
  }

  // `input_audio_buffer.clear`: forget any utterance in progress and everything before now.
  clear(): void {
    this.forget(this.position + this.partialLength);
  }

  private forget(at: number): void {
    this.speech = null;
    this.loudRun = 0;
    this.quietRun = 0;
    this.floor = at;
  }

  private frame(frame: Int16Array, events: VadEvent[]): void {
    const frameStart = this.position;
    this.position += FRAME_SAMPLES;
    let sum = 0;
    for (let i = 0; i < frame.length; i++) {
      const sample = frame[i] ?? 0; // i < frame.length
      sum += sample * sample;
    }
    const loud = sum / frame.length >= this.minSquareMean;

    if (!this.speech) {
      this.loudRun = loud ? this.loudRun + 1 : 0;
      if (this.loudRun < START_FRAMES) return;
      const speechStart = frameStart - (START_FRAMES - 1) * FRAME_SAMPLES;
      const audioStart = Math.max(this.floor, speechStart - this.prefixSamples);
      this.speech = { audioStart };
      this.quietRun = 0;
      events.push({ type: 'speech_started', speechStart, audioStart });
      return;
    }
    this.quietRun = loud ? 0 : this.quietRun + 1;
    if (this.quietRun < this.silenceFrames) return;
    const audioEnd = this.position;
    events.push({ type: 'speech_stopped', audioStart: this.speech.audioStart, audioEnd });
    this.forget(audioEnd);
  }
}
