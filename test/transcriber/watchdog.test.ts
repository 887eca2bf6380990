import { describe, expect, it } from 'vitest';
import { findStall, wantsProbe, type WatchdogLimits } from '../../src/transcriber/watchdog.js';
import type { SessionHealth } from '../../src/transcriber/session.js';

const limits: WatchdogLimits = {
  watchdogMs: 20_000,
  commitDeadlineMs: 30_000,
  maxUtteranceMs: 30_000,
  longSpeechForceMs: 15_000,
};
const healthy: SessionHealth = {
  speechOpen: false,
  soundMsSinceUseful: 0,
  oldestWaitMs: undefined,
  sinceFinalCommitMs: undefined,
  sinceUsefulEventMs: 0,
};
const active = (health: Partial<SessionHealth>) => ({ session: 'A', active: true, health: { ...healthy, ...health } });
const draining = (health: Partial<SessionHealth>) => ({
  session: 'D',
  active: false,
  health: { ...healthy, ...health },
});

describe('findStall', () => {
  it('leaves sessions alone while every deadline is ahead', () => {
    expect(findStall([active({ soundMsSinceUseful: 19_960, oldestWaitMs: 29_999 })], false, limits)).toBeUndefined();
  });

  it('sound with no useful event and no speech open: stalled at the watchdog limit', () => {
    expect(findStall([active({ soundMsSinceUseful: 20_000 })], false, limits)).toEqual({
      session: 'A',
      why: 'no answer to 20 s of sound',
      late: false,
    });
  });

  it('open speech is allowed a monologue: our own commit comes first', () => {
    expect(findStall([active({ speechOpen: true, soundMsSinceUseful: 64_960 })], false, limits)).toBeUndefined();
    expect(findStall([active({ speechOpen: true, soundMsSinceUseful: 65_000 })], false, limits)?.why).toBe(
      'no answer to 65 s of sound',
    );
  });

  it('a commit or a committed item unanswered for the drain timeout, whatever else the session sends', () => {
    expect(findStall([active({ oldestWaitMs: 30_000 })], false, limits)).toEqual({
      session: 'A',
      why: 'no transcript within 30 s of a commit',
      late: true,
    });
  });

  it('a rotated-out session owes its transcripts on the same deadline, and is judged first', () => {
    expect(
      findStall([draining({ oldestWaitMs: 30_000 }), active({ soundMsSinceUseful: 25_000 })], false, limits)?.session,
    ).toBe('D');
    // It is sent no audio: sound counters do not apply to it.
    expect(findStall([draining({ soundMsSinceUseful: 99_000 })], false, limits)).toBeUndefined();
  });

  it('the end of the input must be covered within the drain timeout of the final commit', () => {
    expect(findStall([active({ sinceFinalCommitMs: 30_000 })], false, limits)).toBeUndefined();
    expect(findStall([active({ sinceFinalCommitMs: 29_000 })], true, limits)).toBeUndefined();
    expect(findStall([active({ sinceFinalCommitMs: 30_000 })], true, limits)?.why).toBe(
      'the end of the input was not transcribed within 30 s',
    );
  });

  it('a commit past its deadline from a session that still answers is late; from one silent for the watchdog limit, not', () => {
    expect(findStall([active({ oldestWaitMs: 30_000, sinceUsefulEventMs: 19_999 })], false, limits)?.late).toBe(true);
    expect(findStall([active({ oldestWaitMs: 30_000, sinceUsefulEventMs: 20_000 })], false, limits)).toEqual({
      session: 'A',
      why: 'no transcript within 30 s of a commit',
      late: false,
    });
  });

  it('the commit deadline is the adapted one, not the drain timeout', () => {
    const slow = { ...limits, commitDeadlineMs: 105_000 };
    expect(findStall([active({ oldestWaitMs: 104_999 })], false, slow)).toBeUndefined();
    expect(findStall([active({ oldestWaitMs: 105_000 })], false, slow)?.why).toBe(
      'no transcript within 105 s of a commit',
    );
  });
});

describe('wantsProbe', () => {
  const health = (over: Partial<SessionHealth>): SessionHealth => ({
    speechOpen: false,
    soundMsSinceUseful: 0,
    oldestWaitMs: undefined,
    sinceFinalCommitMs: undefined,
    sinceUsefulEventMs: 0,
    ...over,
  });

  it('asks for a commit half way to the sound deadline, only with no speech open and no commit outstanding', () => {
    const limits = { watchdogMs: 20_000 };
    expect(wantsProbe(health({ soundMsSinceUseful: 9_999 }), limits)).toBe(false);
    expect(wantsProbe(health({ soundMsSinceUseful: 10_000 }), limits)).toBe(true);
    expect(wantsProbe(health({ soundMsSinceUseful: 15_000, speechOpen: true }), limits)).toBe(false);
    expect(wantsProbe(health({ soundMsSinceUseful: 15_000, oldestWaitMs: 2_000 }), limits)).toBe(false);
  });
});
