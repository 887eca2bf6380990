// When the service says no: a rejected configuration stops at once, Retry-After is waited out,
// a refused token is replaced once. On the virtual clock against the in-process emulator.
import { describe, expect, it } from 'vitest';
import { isTranscribeError } from '../../src/index.js';
import { formatCheckReport } from '../../src/tonecode/index.js';
import { faultRun } from '../helpers/fault-run.js';

describe('a rejected configuration', () => {
  it("stops at once with the service's words and param, and the flag that sets it; no retries", async () => {
    const result = await faultRun({
      corpus: { count: 10 },
      emulator: { faults: { rejectConfig: { param: 'session.audio.input.turn_detection' } } },
    });
    expect(isTranscribeError(result.error) && result.error.code).toBe('CONFIG_REJECTED');
    const error = result.error as Error & { hint?: string };
    expect(error.message).toMatch(
      /^the service rejected the session configuration: ".+" \(param session\.audio\.input\.turn_detection, code \w+\)$/,
    );
    expect(error.hint).toMatch(/`turnDetection: null`/);
    expect(result.stats.sessionsOpened).toBe(1);
    expect(result.virtualMs).toBeLessThan(1_000);
  });

  it('a model that needs no turn detection gets none, so the same service accepts it', async () => {
    const result = await faultRun({
      corpus: { count: 10 },
      emulator: { faults: { rejectConfig: { param: 'session.audio.input.turn_detection' } } },
      transcribe: { deployment: 'gpt-realtime-whisper' },
    });
    expect(result.error).toBeUndefined();
    expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
  });
});

describe('Retry-After', () => {
  it('two 429s asking for 3 s: the upgrades are at least 3 s apart, then the run is exact', async () => {
    const result = await faultRun({
      corpus: { count: 10 },
      emulator: { faults: { refuse: { status: 429, count: 2 }, retryAfterSec: 3 } },
    });
    expect(result.error).toBeUndefined();
    expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
    const waits = result.events.flatMap((e) => (e.type === 'reconnect' ? [e.delayMs] : []));
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(3_000);
    expect(result.events).toContainEqual({
      type: 'warning',
      message: 'the service asked to wait 3 s; reconnecting then',
    });
  });
});

describe('tokens that expire', () => {
  it('a token function is asked before every session, so a 4-second token never reaches the service stale', async () => {
    let minted = 0;
    const result = await faultRun({
      corpus: { count: 60 },
      emulator: { key: 'emu-key', faults: { tokenTtlMs: 4_000 } },
      transcribe: {
        apiKey: undefined,
        token: async () => `emu-key.${++minted}`,
        rotateAfterMs: 15_000,
        skipSilence: 'off',
      },
    });
    expect(result.error).toBeUndefined();
    expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
    expect(result.summary.rotations).toBeGreaterThanOrEqual(3);
    expect(result.stats.refused[401]).toBeUndefined();
    expect(minted).toBe(result.stats.sessionsOpened);
  });
});
