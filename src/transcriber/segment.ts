// What the library yields: one final utterance on the input's own timeline.

/** A diarized part of an utterance: who spoke when, on the input's own clock. */
export interface SpeakerTurn {
  /** The label the service gave, as given (`A`, `B`, …): labels are per session. */
  speaker: string;
  start: number;
  end: number;
  text: string;
}

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
  /** With `logprobs`: the mean log probability of the transcript's tokens (0 is certain). */
  logprob?: number;
  /** With `logprobs`: each token and its log probability, where the service gave them. */
  tokens?: { token: string; logprob: number }[];
  /** The languages the service detected (ISO-639-1), where it says (gpt-transcribe). */
  languages?: string[];
  /** With a diarizing model: who spoke (the speaker of the longest turn when several did). */
  speaker?: string;
  /** With a diarizing model: every turn of the utterance, in order. */
  turns?: SpeakerTurn[];
}
