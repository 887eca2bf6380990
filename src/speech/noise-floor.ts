// The level of the room: falls at once to a quieter frame, rises slowly through steady noise (a
// time constant of about a second of non-speech frames), so speech above it stands out and a
// detector's hangover at the room's level can be told from a soft word's end.

// Lowest level tracked: digital silence counts as this, so the floor can rise out of it.
export const FLOOR_DBFS = -100;
const RISE_PER_FRAME = 0.01;

export class NoiseFloor {
  #level: number | undefined;

  get level(): number {
    return this.#level ?? FLOOR_DBFS;
  }

  /** A frame's level; `background`: the frame is not speech, so the floor may rise to it. */
  observe(levelDbfs: number, background: boolean): void {
    const level = Math.max(FLOOR_DBFS, levelDbfs);
    if (this.#level === undefined || level < this.#level) this.#level = level;
    else if (background) this.#level += (level - this.#level) * RISE_PER_FRAME;
  }
}
