// The one speech detector: which kind, how sensitive, and what each kind's numbers mean. Every
// decision about speech in the tool (skipping, cuts, the acknowledged offset, the watchdog, manual
// commits, the dry run, the emulator's server VAD) asks a detector made here, through the tracker
// (tracker.ts); nothing else judges a frame.
import { AdaptiveEnergyDetector } from './adaptive-energy.js';
import { DigitalSilenceDetector } from './digital-silence.js';
import { WebRtcDetector } from './webrtc.js';

/**
 * `webrtc`: WebRTC's detector (the default: measured to lose no speech on the project's corpus,
 * quiet and noisy recordings included). `energy`: a level above an adaptive noise floor. `none`:
 * only digital silence is not speech (every other sample is sent).
 */
export type DetectorKind = 'webrtc' | 'energy' | 'none';
export const DETECTOR_KINDS: readonly DetectorKind[] = ['webrtc', 'energy', 'none'];

/** `high` hears the quietest speech (and keeps more noise); `low` keeps the least noise and may miss soft speech. */
export type Sensitivity = 'high' | 'normal' | 'low';
export const SENSITIVITIES: readonly Sensitivity[] = ['high', 'normal', 'low'];

export interface DetectorSettings {
  detector: DetectorKind;
  sensitivity: Sensitivity;
}

export const defaultDetectorSettings: DetectorSettings = { detector: 'webrtc', sensitivity: 'normal' };

/** A detector instance: stateful, fed 10 ms frames in input order. */
export interface FrameDetector {
  /** How likely the frame is speech, 0 to 1. */
  score(frame: Int16Array): number;
}

export interface DetectorModel {
  settings: DetectorSettings;
  /** A fresh detector (each stream of audio has its own state). */
  create(): FrameDetector;
  /**
   * Frames the detector keeps saying speech after it ends (its own hangover): the tracker may hand
   * back those of them that are no louder than the room.
   */
  hangoverFrames: number;
  /** Set when the chosen detector could not load and digital silence decides instead. */
  fallbackReason?: string;
}

// libfvad modes: 0 is the most permissive. Mode 3 misses soft speech on the corpus, so no
// sensitivity maps to it. Measured hangover: 15 frames in modes 0 and 1, 10 in 2 and 3.
const WEBRTC_MODE: Record<Sensitivity, number> = { high: 0, normal: 1, low: 2 };
const WEBRTC_HANGOVER: Record<Sensitivity, number> = { high: 15, normal: 15, low: 10 };
const ENERGY_SNR_DB: Record<Sensitivity, number> = { high: 4, normal: 6, low: 9 };

/**
 * The detector for these settings, made once to prove it loads. One that cannot load (no
 * WebAssembly, a damaged package) falls back to digital silence, which loses nothing: the caller
 * says so once (`fallbackReason`).
 */
export function loadDetector(settings: DetectorSettings, frameSamples: number): DetectorModel {
  const make = (): DetectorModel => {
    switch (settings.detector) {
      case 'webrtc': {
        const mode = WEBRTC_MODE[settings.sensitivity];
        return {
          settings,
          create: () => new WebRtcDetector(mode, frameSamples),
          hangoverFrames: WEBRTC_HANGOVER[settings.sensitivity],
        };
      }
      case 'energy': {
        const snr = ENERGY_SNR_DB[settings.sensitivity];
        return { settings, create: () => new AdaptiveEnergyDetector(snr), hangoverFrames: 0 };
      }
      case 'none':
        return { settings, create: () => new DigitalSilenceDetector(), hangoverFrames: 0 };
    }
  };
  try {
    const model = make();
    model.create().score(new Int16Array(frameSamples));
    return model;
  } catch (error) {
    return {
      settings,
      create: () => new DigitalSilenceDetector(),
      hangoverFrames: 0,
      fallbackReason: (error as Error).message,
    };
  }
}
