import { describe, expect, it } from 'vitest';
import { findStall, type SessionHealth } from '../../src/transcriber/watchdog.js';

const limits = { watchdogMs: 20_000, drainTimeoutMs: 30_000 };
const healthy: SessionHealth = { speechOpen: false, soundMsSinceEvent: 0, waiting: false, quietMs: 0 };

describe('findStall', () => {
  it('leaves a session alone while the service reacts', () => {
    expect(findStall({ ...healthy, soundMsSinceEvent: 19_000 }, undefined, limits)).toBeUndefined();
  });
  it('calls a session stalled when sound got no reaction and no speech is open', () => {
    expect(findStall({ ...healthy, soundMsSinceEvent: 20_000 }, undefined, limits)).toEqual({
      target: 'active',
      why: 'no event from the service during 20 s of audio',
    });
  });
  it('tolerates a long monologue: open speech legitimately sends nothing', () => {
    expect(findStall({ ...healthy, speechOpen: true, soundMsSinceEvent: 600_000 }, undefined, limits)).toBeUndefined();
  });
  it('calls a session stalled when a committed item waits too long for its transcript', () => {
    expect(findStall({ ...healthy, speechOpen: true, waiting: true, quietMs: 30_000 }, undefined, limits)?.why).toBe('no transcript for 30 s');
    expect(findStall({ ...healthy, waiting: false, quietMs: 300_000 }, undefined, limits)).toBeUndefined();
  });
  it('calls a rotated-out session stalled when it does not finish in time', () => {
    expect(findStall(healthy, 29_000, limits)).toBeUndefined();
    expect(findStall(healthy, 30_000, limits)?.target).toBe('draining');
  });
});
