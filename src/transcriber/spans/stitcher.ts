// Joins the events of spans transcribed at once into one run's events, in input order: span 0's
// segments pass straight through, a later span's wait until every span before it is done. The
// acknowledged offset is the first unfinished span's own (every span before it is whole), so a
// checkpoint never claims audio past a gap. A later span's acknowledged progress goes out at once
// as a `span-checkpoint`, with the segments it covers, for a checkpoint to keep. A span restored
// from a checkpoint is done from the start: its segments are emitted in their place. Its progress
// event carries each span's own position and state, so a display can show which spans are done
// and which are reconnecting. Pure: events in, events out.
import type { SpanState, TranscribeEvent } from '../events.js';
import type { Segment } from '../segment.js';
import { defined } from '../../util/must.js';

export interface StitchedSpan {
  /** Input seconds where the span starts and ends. */
  startSec: number;
  endSec: number;
  /** Already transcribed (a continued run): the span's segments, and no session of its own. */
  restored?: readonly Segment[] | undefined;
}

interface SpanTrack extends StitchedSpan {
  held: TranscribeEvent[];
  /** Held events already reported in a span-checkpoint. */
  reported: number;
  state: SpanState;
  /** Input seconds this span has sent up to (for progress). */
  sentSec: number;
  ackSec: number;
  utterances: number;
  resumes: number;
  session: number;
}

export class SpanStitcher {
  private readonly states: SpanTrack[];
  private head = 0; // the first span not yet done: its events flow, later ones are held

  constructor(
    private readonly spans: readonly StitchedSpan[],
    private readonly totalSec: number | undefined,
  ) {
    this.states = spans.map((span) => ({
      startSec: span.startSec,
      endSec: span.endSec,
      held: (span.restored ?? []).map((segment): TranscribeEvent => ({ type: 'segment', segment })),
      reported: 0,
      state: span.restored !== undefined ? 'done' : 'waiting',
      sentSec: span.restored ? span.endSec : span.startSec,
      ackSec: span.restored ? span.endSec : span.startSec,
      utterances: 0,
      resumes: 0,
      session: 0,
    }));
  }

  /** An event of span `index`; returns what the run emits now. */
  push(index: number, event: TranscribeEvent): TranscribeEvent[] {
    const state = this.track(index);
    switch (event.type) {
      case 'progress':
        state.sentSec = event.sentSec;
        state.utterances = event.utterances;
        state.resumes = event.resumes;
        state.session = event.session;
        if (state.state !== 'done') state.state = 'sending';
        return [this.progress()];
      case 'reconnect':
        if (state.state !== 'done') state.state = 'reconnecting';
        return [event, this.progress()];
      case 'session-open':
        if (state.state === 'reconnecting') state.state = 'sending';
        return [event, this.progress()];
      case 'segment':
      case 'not-transcribed':
        return this.inOrder(index, event);
      case 'acknowledged':
        state.ackSec = event.sec;
        return index === this.head ? [event] : [this.checkpoint(index)];
      case 'done':
        return []; // the run's own `done` comes once, from the caller, with the merged summary
      default:
        return [event]; // session and reconnect events, warnings, partials: as they happen
    }
  }

  /** What the run emits before any span's events: the restored spans at its head. */
  start(): TranscribeEvent[] {
    const first = this.states[0];
    if (first?.state !== 'done') return [];
    const out = first.held;
    first.held = [];
    return [...out, ...this.release()];
  }

  /** Span `index` has ended (whole): the spans after it, up to the next unfinished one, are released. */
  finish(index: number): TranscribeEvent[] {
    const state = this.track(index);
    const out: TranscribeEvent[] = [];
    if (index !== this.head) {
      state.ackSec = state.endSec;
      out.push(this.checkpoint(index));
    }
    state.state = 'done';
    state.sentSec = state.endSec;
    return [...out, ...this.release()];
  }

  private release(): TranscribeEvent[] {
    const out: TranscribeEvent[] = [];
    for (let done = this.states[this.head]; done?.state === 'done'; done = this.states[this.head]) {
      out.push({ type: 'acknowledged', sec: done.endSec });
      this.head++;
      const next = this.states[this.head];
      if (!next) break;
      out.push(...next.held);
      next.held = [];
      if (next.state !== 'done' && next.ackSec > next.startSec) out.push({ type: 'acknowledged', sec: next.ackSec });
    }
    out.push(this.progress());
    return out;
  }

  /** Input seconds before which everything is transcribed and was emitted. */
  get acknowledgedSec(): number {
    const state = this.states[this.head];
    return state ? state.ackSec : (this.spans.at(-1)?.endSec ?? 0);
  }

  // A held span's progress, with the segments it covers that no earlier checkpoint reported.
  private checkpoint(index: number): TranscribeEvent {
    const state = this.track(index);
    const segments: Segment[] = [];
    for (; state.reported < state.held.length; state.reported++) {
      const event = defined(state.held[state.reported], 'a held event');
      if (event.type !== 'segment') continue;
      if (event.segment.end > state.ackSec + 1e-6) break; // not yet covered (never expected)
      segments.push(event.segment);
    }
    return { type: 'span-checkpoint', fromSec: state.startSec, ackSec: state.ackSec, segments };
  }

  private track(index: number): SpanTrack {
    return defined(this.states[index], `span ${index}`);
  }

  private inOrder(index: number, event: TranscribeEvent): TranscribeEvent[] {
    if (index === this.head) return [event];
    this.track(index).held.push(event);
    return [];
  }

  // Progress of the whole input: the audio every span has got through, as one position.
  private progress(): TranscribeEvent {
    let covered = 0;
    let utterances = 0;
    let resumes = 0;
    for (const state of this.states) {
      covered += Math.max(0, Math.min(state.sentSec, state.endSec) - state.startSec);
      utterances += state.utterances;
      resumes += state.resumes;
    }
    const start = this.spans[0]?.startSec ?? 0;
    return {
      type: 'progress',
      sentSec: start + covered,
      totalSec: this.totalSec,
      session: this.states[this.head]?.session ?? 0,
      resumes,
      utterances,
      spans: this.states.map((span) => ({
        startSec: span.startSec,
        endSec: span.endSec,
        sentSec: Math.min(Math.max(span.sentSec, span.startSec), span.endSec),
        state: span.state,
      })),
    };
  }
}
