import { describe, expect, it } from 'vitest';
import { paint } from '../../src/terminal/colors.js';
import { formatRunSummary, type RunTotals } from '../../src/terminal/summary.js';
import { stripAnsi } from '../helpers/segments.js';

const run: RunTotals = {
  inputs: 1,
  audioSec: 30,
  wallSec: 2,
  sessions: 2,
  rotations: 1,
  resumes: 0,
  resentSec: 0,
  endReasons: { rotated: 1, finished: 1 },
  utterances: 12,
};

describe('formatRunSummary', () => {
  it('reads as short lines that fit an 80-column terminal', () => {
    const text = formatRunSummary(run, paint(false));
    expect(text).toBe(
      'done: 12 utterances from 0:30 of audio in 0:02 (×15.0)\n' +
        '  2 sessions (1 rotation, 0 resumes, 0.0 s re-sent)\n' +
        '  sessions ended: rotated 1, finished 1',
    );
    const busy = formatRunSummary(
      {
        ...run,
        audioSec: 36_000,
        wallSec: 3_600,
        sessions: 120,
        rotations: 80,
        resumes: 39,
        resentSec: 1234.5,
        utterances: 12_345,
        endReasons: { dropped: 30, expired: 5, stalled: 4, rotated: 80, finished: 1 },
      },
      paint(false),
    );
    for (const line of busy.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('counts in the singular, names several inputs and skips empty parts', () => {
    const out = formatRunSummary(
      {
        ...run,
        inputs: 3,
        utterances: 1,
        sessions: 1,
        rotations: 0,
        resumes: 1,
        resentSec: 2.345,
        wallSec: 0,
        endReasons: { dropped: 0 },
      },
      paint(false),
    );
    expect(out).toBe(
      'done: 1 utterance from 3 inputs, 0:30 of audio in 0:00\n  1 session (0 rotations, 1 resume, 2.3 s re-sent)',
    );
  });

  it('colors only when the paint does', () => {
    const colored = formatRunSummary({ ...run, resumes: 2 }, paint(true));
    expect(colored).not.toBe(stripAnsi(colored));
    expect(stripAnsi(colored)).toBe(formatRunSummary({ ...run, resumes: 2 }, paint(false)));
  });
});
