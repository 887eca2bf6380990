import { describe, expect, it } from 'vitest';
import { ItemLedger } from '../../src/transcriber/item-ledger.js';

describe('ItemLedger', () => {
  it('keeps diarized turns and logprobs of an item: those of the completion over those of the deltas', () => {
    const ledger = new ItemLedger();
    ledger.committed('a', null);
    ledger.delta('a', 'Hi', [{ token: 'Hi', bytes: [], logprob: -1 }]);
    ledger.delta('a', ' there', null);
    ledger.segment('a', { speaker: 'A', start: 0.1, end: 0.5, text: 'Hi there.' });
    ledger.segment('zz', { speaker: 'B', start: 0, end: 1, text: 'nobody' }); // an item never heard of
    ledger.completed('a', 'Hi there.', {
      logprobs: [{ token: 'Hi there.', bytes: [], logprob: -0.5 }],
      languages: [{ code: 'en' }],
    });
    ledger.segment('a', { speaker: 'B', start: 0.6, end: 0.9, text: 'late' }); // after the completion
    const [item] = ledger.releaseReady();
    expect([item?.turns, item?.logprobs, item?.languages]).toEqual([
      [{ speaker: 'A', start: 0.1, end: 0.5, text: 'Hi there.' }],
      [{ token: 'Hi there.', bytes: [], logprob: -0.5 }],
      [{ code: 'en' }],
    ]);
    expect(ledger.isIdle()).toBe(true);
    // With no tokens in the completion, the deltas' stand.
    ledger.committed('b', 'a');
    ledger.delta('b', 'Yo', [{ token: 'Yo', bytes: [], logprob: -0.25 }]);
    ledger.completed('b', 'Yo');
    expect(ledger.releaseReady()[0]?.logprobs).toEqual([{ token: 'Yo', bytes: [], logprob: -0.25 }]);
  });

  it('releases items in chain order even when completions arrive out of order', () => {
    const ledger = new ItemLedger();
    ledger.speechStarted('a', 100);
    ledger.speechStopped('a', 1500);
    ledger.committed('a', null);
    ledger.speechStarted('b', 2000);
    ledger.speechStopped('b', 3000);
    ledger.committed('b', 'a');
    ledger.completed('b', 'second');
    expect(ledger.releaseReady()).toEqual([]);
    expect(ledger.isIdle()).toBe(false);
    ledger.completed('a', ' first ');
    expect(ledger.releaseReady().map((i) => [i.id, i.text, i.startMs, i.endMs])).toEqual([
      ['a', 'first', 100, 1500],
      ['b', 'second', 2000, 3000],
    ]);
    expect(ledger.isIdle()).toBe(true);
    expect(ledger.releasedEndMs).toBe(3000);
  });

  it('orders by previous_item_id, not by arrival of committed events', () => {
    const ledger = new ItemLedger();
    ledger.committed('a', null);
    ledger.committed('c', 'a');
    ledger.committed('b', 'a'); // b claims to come right after a: it goes before c
    for (const id of ['a', 'b', 'c']) ledger.completed(id, id);
    expect(ledger.releaseReady().map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('reports open speech until it is committed', () => {
    const ledger = new ItemLedger();
    ledger.speechStarted('a', 0);
    expect(ledger.hasOpenSpeech()).toBe(true);
    expect(ledger.isIdle()).toBe(false);
    ledger.speechStopped('a', 900);
    ledger.committed('a', null);
    expect(ledger.hasOpenSpeech()).toBe(false);
    expect(ledger.pendingCount()).toBe(1);
  });

  it('gives a manually committed item the commit point as its end', () => {
    const ledger = new ItemLedger();
    ledger.commitSent(4000);
    expect(ledger.isIdle()).toBe(false);
    ledger.committed('m1', null);
    ledger.completed('m1', 'words');
    const [item] = ledger.releaseReady();
    expect(item).toMatchObject({ id: 'm1', startMs: 0, endMs: 4000 });
    expect(ledger.isIdle()).toBe(true);
  });

  it('forgets a commit the service refused as empty', () => {
    const ledger = new ItemLedger();
    ledger.commitSent(50);
    ledger.commitRejected();
    expect(ledger.isIdle()).toBe(true);
  });

  it('counts a failed transcription as done so later items are not held forever', () => {
    const ledger = new ItemLedger();
    ledger.committed('a', null);
    ledger.committed('b', 'a');
    ledger.failed('a');
    ledger.completed('b', 'ok');
    expect(ledger.releaseReady().map((i) => [i.id, i.failed])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('passes over items another session already covered, still in order and each once', () => {
    const ledger = new ItemLedger();
    ledger.skipCovered((item) => item.endMs !== undefined && item.endMs <= 3000);
    for (const [id, prev, end] of [
      ['a', null, 1500],
      ['b', 'a', 3000],
      ['c', 'b', 4500],
    ] as const) {
      ledger.speechStarted(id, end - 1000);
      ledger.speechStopped(id, end);
      ledger.committed(id, prev);
    }
    ledger.completed('c', 'third');
    ledger.completed('a', 'first');
    expect(ledger.releaseReady()).toEqual([]); // a is covered, b is not done: nothing yet
    ledger.completed('b', 'second');
    expect(ledger.releaseReady().map((i) => i.text)).toEqual(['third']);
    expect(ledger.releaseReady()).toEqual([]);
    expect(ledger.isIdle()).toBe(true);
    expect(ledger.releasedEndMs).toBe(4500);
  });

  it("marks a speech start at or before an earlier item's end as clamped there (the VAD reaches no further back)", () => {
    const ledger = new ItemLedger();
    ledger.speechStarted('a', 0);
    ledger.speechStopped('a', 1_500);
    ledger.committed('a', null);
    ledger.speechStarted('b', 1_500); // held at a's end
    ledger.speechStopped('b', 3_000);
    ledger.committed('b', 'a');
    ledger.speechStarted('c', 3_400); // speech 3.7 s in, padding and all
    ledger.speechStopped('c', 5_000);
    ledger.committed('c', 'b');
    for (const id of ['a', 'b', 'c']) ledger.completed(id, id);
    expect(ledger.releaseReady().map((i) => [i.id, i.startClamped])).toEqual([
      ['a', false], // a start at 0 is told apart where the span is worked out
      ['b', true],
      ['c', false],
    ]);
  });
});
