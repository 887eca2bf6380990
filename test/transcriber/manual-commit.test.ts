import { describe, expect, it } from 'vitest';
import { ManualCommitter } from '../../src/transcriber/manual-commit.js';

const feed = (committer: ManualCommitter, pattern: string) =>
  [...pattern].map((c) => committer.observe(40, c === '.')).flatMap((commit, i) => (commit ? [i] : []));

describe('ManualCommitter', () => {
  it('commits after a pause that follows sound, never on silence alone', () => {
    const committer = new ManualCommitter({ pauseMs: 400, maxUtteranceMs: 30_000, forceAfterMs: 15_000 });
    // 10 chunks of sound, 12 of silence, 5 of sound, 12 of silence; leading silence commits nothing.
    expect(feed(committer, '.....' + '#'.repeat(10) + '.'.repeat(12) + '#'.repeat(5) + '.'.repeat(12))).toEqual([
      24, 41,
    ]);
    expect(feed(committer, '.'.repeat(100))).toEqual([]);
  });

  it('cuts a long utterance at the next quiet chunk, or anywhere when there is none', () => {
    const committer = new ManualCommitter({ pauseMs: 400, maxUtteranceMs: 900, forceAfterMs: 400 });
    // Sound with a one-chunk gap every 8 chunks: the first gap after 0.9 s is the cut.
    expect(feed(committer, '#######.#######.#######.')).toEqual([23]);
    expect(feed(committer, '#'.repeat(40))).toEqual([32]); // 1.3 s of unbroken sound
    expect(committer.pendingSound).toBe(true);
  });
});
