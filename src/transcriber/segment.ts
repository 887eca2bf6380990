// What the library yields: one final utterance on the input's own timeline.

export interface Segment {
  /** Seconds from the start of the input (not of any session). */
  start: number;
  end: number;
  text: string;
  /** 1-based number of the session that transcribed it. */
  session: number;
  /** The service's item id (unique within its session only). */
  itemId: string;
}
