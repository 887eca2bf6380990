import { describe, expect, it } from 'vitest';
import { SkipLedger } from '../../src/audio/skip-ledger.js';

describe('SkipLedger', () => {
  it('carries the acknowledged offset over every skipped range it reaches, and forgets them', () => {
    const ledger = new SkipLedger();
    ledger.add({ from: 100, to: 500 });
    ledger.add({ from: 500, to: 600 }); // adjacent: one range
    ledger.add({ from: 900, to: 2000 });
    expect(ledger.advance(50)).toBe(50);
    expect(ledger.pending).toEqual([{ from: 100, to: 600 }, { from: 900, to: 2000 }]);
    expect(ledger.advance(100)).toBe(600);
    expect(ledger.advance(899)).toBe(899);
    expect(ledger.advance(950)).toBe(2000); // an offset inside a skip: the rest of it is silence too
    expect(ledger.pending).toEqual([]);
    expect(ledger.advance(2100)).toBe(2100);
  });

  it('refuses ranges out of order', () => {
    const ledger = new SkipLedger();
    ledger.add({ from: 100, to: 500 });
    expect(() => ledger.add({ from: 400, to: 450 })).toThrow('skip ranges must come in order: 400..450 after 100..500');
  });
});
