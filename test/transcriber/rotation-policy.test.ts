import { describe, expect, it } from 'vitest';
import { rotationStep, type RotationState } from '../../src/transcriber/rotation-policy.js';

const policy = { rotateAfterMs: 300_000, rotateGraceMs: 30_000, prepareAheadMs: 5_000 };
const state = (over: Partial<RotationState>): RotationState => ({
  ageMs: 0,
  policy,
  preparing: false,
  preparedReady: false,
  atBoundary: false,
  inputDone: false,
  ...over,
});

describe('rotationStep', () => {
  it('does nothing early in a session', () => {
    expect(rotationStep(state({ ageMs: 100_000 }))).toBe('none');
  });
  it('opens the next session a little before it is due (make before break)', () => {
    expect(rotationStep(state({ ageMs: 296_000 }))).toBe('prepare');
    expect(rotationStep(state({ ageMs: 296_000, preparing: true }))).toBe('none');
  });
  it('rotates at a boundary once due and the next session is ready', () => {
    expect(rotationStep(state({ ageMs: 301_000, preparing: true, preparedReady: true, atBoundary: true }))).toBe(
      'rotate',
    );
    expect(rotationStep(state({ ageMs: 301_000, preparing: true, preparedReady: false, atBoundary: true }))).toBe(
      'none',
    );
    expect(rotationStep(state({ ageMs: 301_000, preparing: true, preparedReady: true, atBoundary: false }))).toBe(
      'none',
    );
  });
  it('cuts at the next quiet point when no boundary comes within the grace period', () => {
    expect(rotationStep(state({ ageMs: 331_000, preparing: true, preparedReady: true }))).toBe('handoff');
  });
  it('never rotates once all input has been sent', () => {
    expect(
      rotationStep(state({ ageMs: 400_000, preparing: true, preparedReady: true, atBoundary: true, inputDone: true })),
    ).toBe('none');
  });
});
