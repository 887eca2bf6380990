// An energy detector that measures each frame against the room rather than against a fixed level:
// a frame is speech by how far it stands above the noise floor. Cheap and blind to what the sound
// is: loud non-stationary noise (clatter, music) passes as speech, and speech no louder than
// steady noise does not.
import { rmsDbfs } from './level.js';
import { FLOOR_DBFS, NoiseFloor } from './noise-floor.js';

export class AdaptiveEnergyDetector {
  readonly #floor = new NoiseFloor();

  /** `snrDb`: how far above the floor a frame must be to score 0.5 (lower hears quieter speech). */
  constructor(readonly snrDb: number) {}

  /** From 0 to 1: 0 at the floor, 0.5 at `snrDb` above it, 1 at twice that. */
  score(frame: Int16Array): number {
    const level = rmsDbfs(frame);
    // First only downwards (the first frame sets it); upwards only through what is not speech.
    this.#floor.observe(level, false);
    const above = Math.max(FLOOR_DBFS, level) - this.#floor.level;
    const score = Math.min(1, Math.max(0, above / (2 * this.snrDb)));
    if (score < 0.5) this.#floor.observe(level, true);
    return score;
  }
}
