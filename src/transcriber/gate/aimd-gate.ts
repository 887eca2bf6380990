// A session gate that adapts to the service, as TCP adapts its window: the limit on concurrent
// sessions halves when refusals (429/503) or drops repeat, and grows back by one after a calm
// period. A batch that meets a quota then settles near what the service accepts, instead of
// hammering it with retries that each count against the quota again.
import { TranscribeError } from '../../errors.js';
import { onAbort, systemClock, type Clock } from '../../util/clock.js';
import type { SessionGate, SessionOutcome } from './session-gate.js';

export interface AimdParams {
  /** The limit starts here and never goes above it. */
  max: number;
  /** At most one decrease per this long: the refusals of one burst are one signal, not many. */
  coolDownMs: number;
  /** No bad report and no change for this long, with sessions succeeding, before growing by one. */
  calmMs: number;
  /** Bad reports, each within calmMs of the previous one, that make a decrease. */
  strikes: number;
}

export interface AimdState {
  limit: number;
  /** Bad reports in the current run of them (reset by a decrease, or by calmMs without one). */
  strikes: number;
  /** Whether that run holds a refusal (else only drops): says why the limit went down. */
  refusedInStrikes: boolean;
  lastBadAt: number;
  lastDecreaseAt: number;
  lastChangeAt: number;
  opensSinceChange: number;
}

export type AimdSignal = SessionOutcome | 'tick';

interface AimdChange {
  limit: number;
  why: string;
}

const REFUSALS_WHY = '429/503 refusals';
const DROPS_WHY = 'dropped sessions';
const CALM_WHY = 'calm';

export function initialAimdState(max: number, now: number): AimdState {
  return {
    limit: max,
    strikes: 0,
    refusedInStrikes: false,
    lastBadAt: -Infinity,
    lastDecreaseAt: -Infinity,
    lastChangeAt: now,
    opensSinceChange: 0,
  };
}

/**
 * The next state after `signal` at `now`. Pure. `oldestSlotAt` is when the longest-held slot was
 * taken: a slot held through a calm period is a session that works (a refused attempt gives its
 * slot back at once), which counts as success as much as a fresh open does. Without it, a single
 * long session at limit 1 could never grow the limit its own rotation needs.
 */
export function aimdStep(
  state: AimdState,
  signal: AimdSignal,
  now: number,
  params: AimdParams,
  oldestSlotAt?: number,
): { state: AimdState; change?: AimdChange } {
  if (signal === 'refused' || signal === 'dropped') {
    // Attempts already under way when the limit went down fail too; they say nothing about the
    // new limit, so during the cool-down a bad report only breaks the calm.
    if (now - state.lastDecreaseAt < params.coolDownMs) return { state: { ...state, lastBadAt: now } };
    const continues = now - state.lastBadAt < params.calmMs;
    const next: AimdState = {
      ...state,
      strikes: (continues ? state.strikes : 0) + 1,
      refusedInStrikes: (continues && state.refusedInStrikes) || signal === 'refused',
      lastBadAt: now,
    };
    if (next.strikes < params.strikes || state.limit <= 1) return { state: next };
    const limit = Math.max(1, Math.floor(state.limit / 2));
    const why = next.refusedInStrikes ? REFUSALS_WHY : DROPS_WHY;
    return {
      state: {
        ...next,
        limit,
        strikes: 0,
        refusedInStrikes: false,
        lastDecreaseAt: now,
        lastChangeAt: now,
        opensSinceChange: 0,
      },
      change: { limit, why },
    };
  }
  const next = signal === 'opened' ? { ...state, opensSinceChange: state.opensSinceChange + 1 } : state;
  const calm = now - next.lastBadAt >= params.calmMs && now - next.lastChangeAt >= params.calmMs;
  const succeeding = next.opensSinceChange > 0 || (oldestSlotAt !== undefined && now - oldestSlotAt >= params.calmMs);
  if (next.limit >= params.max || !calm || !succeeding) return { state: next };
  const limit = next.limit + 1;
  return { state: { ...next, limit, lastChangeAt: now, opensSinceChange: 0 }, change: { limit, why: CALM_WHY } };
}

/**
 * When a 'tick' could next grow the limit, with the same `oldestSlotAt`; undefined when time alone
 * cannot (at max, or nothing has succeeded yet: only a report can change that).
 */
export function nextGrowthAt(state: AimdState, params: AimdParams, oldestSlotAt?: number): number | undefined {
  if (state.limit >= params.max) return undefined;
  const evidenceAt = state.opensSinceChange > 0 ? -Infinity : oldestSlotAt;
  if (evidenceAt === undefined) return undefined;
  return Math.max(state.lastBadAt, state.lastChangeAt, evidenceAt) + params.calmMs;
}

export interface AimdGateOptions {
  /** The most sessions at once (for a batch: jobs + 1, since a rotation briefly needs two). */
  max: number;
  /** Called each time the limit changes, with why ('429/503 refusals', 'dropped sessions', 'calm'). */
  onChange?: (limit: number, why: string) => void;
  /** The clock the calm periods and cool-downs are measured on (default: the system's). */
  clock?: Clock;
  /** At most one decrease per this long, in ms (default 5 s). Scale it down with the pace in tests. */
  coolDownMs?: number;
  /** No bad report for this long, in ms, with sessions succeeding, before the limit grows by one (default 15 s). */
  calmMs?: number;
  /** Bad reports, each within `calmMs` of the previous one, that halve the limit (default 2). */
  strikes?: number;
}

/** A SessionGate whose limit can be read: for progress displays and tests. */
export interface AimdGate extends SessionGate {
  /** Sessions allowed at once now. */
  readonly limit: number;
  /** Slots taken (sessions opening or open). */
  readonly inUse: number;
  /** Callers waiting for a slot. */
  readonly waiting: number;
}

interface Waiter {
  resolve(release: () => void): void;
  reject(reason: unknown): void;
  detach(): void;
}

/** A SessionGate whose limit adapts to refusals and drops (AIMD); waiters are served in order. */
export function createAimdGate(options: AimdGateOptions): AimdGate {
  const params = resolveParams(options);
  const clock = options.clock ?? systemClock;
  let state = initialAimdState(params.max, clock.now());
  // When each held slot was taken, oldest first (slots are taken in time order).
  const held: number[] = [];
  const waiters: Waiter[] = [];
  let timer: AbortController | undefined;

  const apply = (signal: AimdSignal): void => {
    const step = aimdStep(state, signal, clock.now(), params, held[0]);
    state = step.state;
    if (step.change) options.onChange?.(step.change.limit, step.change.why);
    pump();
  };

  const slot = (): (() => void) => {
    const takenAt = clock.now();
    held.push(takenAt);
    let released = false;
    return () => {
      if (released) return; // a session may end twice (close after a failure): one slot, one release
      released = true;
      held.splice(held.indexOf(takenAt), 1); // any slot taken at that time will do: only times matter
      pump();
    };
  };

  // Waiters first in, first served; while some wait and the limit could grow, a timer makes sure
  // growth is noticed even when no report arrives (e.g. a rotation waiting beside its own session).
  function pump(): void {
    while (held.length < state.limit) {
      const waiter = waiters.shift();
      if (waiter === undefined) break;
      waiter.resolve(slot());
    }
    schedule();
  }

  function schedule(): void {
    const at = waiters.length > 0 ? nextGrowthAt(state, params, held[0]) : undefined;
    if (at === undefined) {
      timer?.abort();
      timer = undefined;
      return;
    }
    if (timer) return;
    const controller = new AbortController();
    timer = controller;
    clock.sleep(Math.max(0, at - clock.now()), controller.signal).then(
      () => {
        if (timer !== controller) return;
        timer = undefined;
        apply('tick');
      },
      () => {}, // aborted: nobody waits any more
    );
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      apply('tick');
      if (waiters.length === 0 && held.length < state.limit) return Promise.resolve(slot());
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          resolve: (release) => {
            waiter.detach();
            resolve(release);
          },
          reject,
          detach: onAbort(signal, (reason) => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            schedule();
            reject(reason);
          }),
        };
        waiters.push(waiter);
        schedule();
      });
    },
    report(outcome) {
      apply(outcome);
    },
    get limit() {
      return state.limit;
    },
    get inUse() {
      return held.length;
    },
    get waiting() {
      return waiters.length;
    },
  };
}

function resolveParams(o: AimdGateOptions): AimdParams {
  const check = (name: string, value: number, ok: boolean, want: string) => {
    if (!ok) throw new TranscribeError('USAGE', `createAimdGate: ${name} must be ${want} (${value})`);
  };
  const params: AimdParams = {
    max: o.max,
    coolDownMs: o.coolDownMs ?? 5_000,
    calmMs: o.calmMs ?? 15_000,
    strikes: o.strikes ?? 2,
  };
  check('max', params.max, Number.isInteger(params.max) && params.max >= 1, 'a whole number of sessions, 1 or more');
  check('coolDownMs', params.coolDownMs, params.coolDownMs >= 0, 'a duration of 0 ms or more');
  check('calmMs', params.calmMs, params.calmMs >= 0, 'a duration of 0 ms or more');
  check(
    'strikes',
    params.strikes,
    Number.isInteger(params.strikes) && params.strikes >= 1,
    'a whole number, 1 or more',
  );
  return params;
}
