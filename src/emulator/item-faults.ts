// Which transcriptions fail on purpose (the failItem fault). Counted over the emulator's whole
// life, not per session, so "fails the first K times" holds across the re-sends a client makes in
// new sessions. Pure: the session asks, this answers and counts.
import { sentenceText, transcriptWords } from '../tonecode/index.js';
import type { ErrorDetail } from '../realtime/events.js';
import { defined } from '../util/must.js';
import type { FaultOptions } from './types.js';

export type FailItemOptions = NonNullable<FaultOptions['failItem']>;

export class ItemFaults {
  private committed = 0;
  private seen = 0;
  private readonly sentenceWords: string[] | undefined;

  constructor(private readonly options: FailItemOptions | undefined) {
    if (options && 'sentence' in options) this.sentenceWords = transcriptWords(sentenceText(options.sentence));
  }

  // A number for each committed item, in order of commit across every session (1-based).
  nextOrdinal(): number {
    return ++this.committed;
  }

  // Whether the item with this ordinal and (would-be) transcript fails; counts what it sees.
  fails(ordinal: number, transcript: string): boolean {
    const o = this.options;
    if (!o) return false;
    if ('item' in o) return ordinal === o.item;
    // An item holds the sentence when the sentence's words appear in it, in order, together.
    const sentenceWords = defined(this.sentenceWords, "the failing sentence's words");
    if (!containsRun(transcriptWords(transcript), sentenceWords)) return false;
    this.seen++;
    return this.seen <= (o.times ?? 1);
  }
}

// The error the service reports for a transcription that failed on its side.
export function itemFailedError(itemId: string): ErrorDetail {
  return { type: 'server_error', code: null, message: `Input transcription failed for item '${itemId}'.`, param: null };
}

function containsRun(words: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
