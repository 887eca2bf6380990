import { describe, expect, it } from 'vitest';
import { ServiceLatency, slowServiceNotice } from '../../src/transcriber/latency.js';

describe('ServiceLatency', () => {
  it('holds a service that never transcribed to the drain timeout', () => {
    expect(new ServiceLatency(30_000).deadlineMs).toBe(30_000);
  });

  it('waits 3× the slowest recent transcript, never less than the drain timeout', () => {
    const latency = new ServiceLatency(30_000);
    latency.observe(800);
    expect(latency.deadlineMs).toBe(30_000);
    latency.observe(25_000);
    expect(latency.deadlineMs).toBe(75_000);
    latency.observe(1_000); // one fast answer does not shorten it: the slowest recent one counts
    expect(latency.deadlineMs).toBe(75_000);
  });

  it('forgets a slow spell after 10 newer transcripts', () => {
    const latency = new ServiceLatency(1_000);
    latency.observe(20_000);
    for (let i = 0; i < 9; i++) latency.observe(900);
    expect(latency.deadlineMs).toBe(60_000);
    latency.observe(900);
    expect(latency.deadlineMs).toBe(2_700);
  });

  it('is capped at 5 minutes however slow the service was', () => {
    const latency = new ServiceLatency(30_000);
    latency.observe(200_000);
    expect(latency.deadlineMs).toBe(300_000);
    expect(new ServiceLatency(600_000).deadlineMs).toBe(600_000); // a longer drain timeout is kept
  });

  it('says once that the service is slow: from 10 s late, or later than a shorter drain timeout', () => {
    const latency = new ServiceLatency(30_000);
    expect(latency.observe(9_999)).toBe(false);
    expect(latency.observe(10_000)).toBe(true);
    expect(latency.observe(35_000)).toBe(false);
    const short = new ServiceLatency(1_000);
    expect(short.observe(900)).toBe(false);
    expect(short.observe(1_200)).toBe(true);
  });

  it('words it with the latency and the deadline', () => {
    expect(slowServiceNotice(35_000, 105_000)).toBe(
      'the service is slow: a transcript came 35.0 s after its commit; each commit now waits up to 105.0 s for its transcript (3× the slowest recent one)',
    );
  });
});
