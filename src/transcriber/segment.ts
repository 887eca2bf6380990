// What the library yields: one final utterance on the input's own timeline.

/** One final transcript of an utterance, timed on the input's own clock. */
export interface Segment {
  /** Seconds from the start of the input (not of any session). */
  start: number;
  /** Seconds from the start of the input; at or after `start`. */
  end: number;
  /** The service's transcript, as it sent it. */
  text: string;
  /** 1-based number of the session that transcribed it. */
  session: number;
  /** The service's item id (unique within its session only). */
  itemId: string;
}
