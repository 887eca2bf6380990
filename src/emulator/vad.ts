// The emulator's server VAD: the client's own speech detector (src/speech/), so the emulator hears
// speech the way the tool does, driven only by the audio pushed into it: positions are sample
// counts on the session's appended-audio clock, never wall time, so the same audio gives the same
// turns whatever the sending speed.
//
// `threshold` is a probability from 0 to 1, as the service's is: a frame is speech when the
// detector's score reaches it. The WebRTC detector scores 0 or 1, so any threshold above 0 asks
// the same of it; 0 takes every frame for speech.
import { defaultDetectorSettings, loadDetector, type DetectorKind, type DetectorModel } from '../speech/detector.js';
import { FRAME_SAMPLES, SpeechTracker, type HeardFrame } from '../speech/tracker.js';

const SAMPLES_PER_MS = 24;
// Two speech frames in a row start speech, so a lone click is not an utterance.
const START_FRAMES = 2;

// One model per kind for the process: loading proves the detector once.
const models = new Map<DetectorKind, DetectorModel>();

export interface VadSettings {
  threshold: number; // 0..1
  prefixPaddingMs: number;
  silenceDurationMs: number;
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

export class SpeechVad {
  private readonly tracker: SpeechTracker;
  private readonly prefixSamples: number;
  private readonly silenceSamples: number;
  private floor: number;
  private heardRun = 0;
  private speechEnd: number | undefined; // where the speech in progress last ended, if it paused
  private speech: { audioStart: number } | null = null;
  private events: VadEvent[] = [];

  // `start` is the clock position of the first sample pushed (a VAD made mid-session by a
  // session.update starts there); `floor` is the earliest sample an utterance may include.
  constructor(
    settings: VadSettings,
    start = 0,
    floor = start,
    detector: DetectorKind = defaultDetectorSettings.detector,
  ) {
    let model = models.get(detector);
    if (!model) models.set(detector, (model = loadDetector({ detector, sensitivity: 'normal' }, FRAME_SAMPLES)));
    const threshold = Math.max(0, settings.threshold);
    this.tracker = new SpeechTracker(model, { threshold, padBeforeSamples: 0, padAfterSamples: 0 }, start);
    this.tracker.onHeard((frame) => this.frame(frame));
    this.prefixSamples = Math.round(settings.prefixPaddingMs * SAMPLES_PER_MS);
    this.silenceSamples = Math.max(1, Math.round(settings.silenceDurationMs * SAMPLES_PER_MS));
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
    this.tracker.push(samples);
    const events = this.events;
    this.events = [];
    return events;
  }

  // A commit in VAD mode: ends the utterance in progress at the current end of the audio and
  // returns it; later utterances may not reach back before this point.
  cut(): VadSegment | null {
    const end = this.tracker.pushedTo;
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
    this.forget(this.tracker.pushedTo);
  }

  private forget(at: number): void {
    this.speech = null;
    this.heardRun = 0;
    this.speechEnd = undefined;
    this.floor = at;
  }

  private frame(frame: HeardFrame): void {
    if (!this.speech) {
      this.heardRun = frame.heard ? this.heardRun + 1 : 0;
      if (this.heardRun < START_FRAMES) return;
      const speechStart = frame.start - (START_FRAMES - 1) * FRAME_SAMPLES;
      const audioStart = Math.max(this.floor, speechStart - this.prefixSamples);
      this.speech = { audioStart };
      this.speechEnd = undefined;
      this.events.push({ type: 'speech_started', speechStart, audioStart });
      return;
    }
    if (frame.heard) {
      this.speechEnd = undefined;
      return;
    }
    // The silence counts from where the voice ended, not from where the detector let go.
    this.speechEnd ??= Math.max(this.floor, frame.speechEnd ?? frame.start);
    if (frame.end - this.speechEnd < this.silenceSamples) return;
    // Where the silence reached its length, which a hangover longer than it put behind this frame.
    const audioEnd = Math.min(frame.end, this.speechEnd + this.silenceSamples);
    this.events.push({ type: 'speech_stopped', audioStart: this.speech.audioStart, audioEnd });
    this.forget(audioEnd);
  }
}
