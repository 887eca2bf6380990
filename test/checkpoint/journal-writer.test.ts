import { describe, expect, it } from 'vitest';
import { JournalWriter, type JournalIo } from '../../src/checkpoint/journal-writer.js';

// A scripted disk and clock: writes land in `file`, fsyncs wait until the test completes them.
function fakeIo() {
  let now = 0;
  const log: string[] = [];
  const syncs: ((error: Error | null) => void)[] = [];
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  let file = '';
  const io: JournalIo = {
    write: (text) => {
      file += text;
      log.push(`write ${JSON.stringify(text)}`);
    },
    sync: (done) => {
      log.push('sync');
      syncs.push(done);
    },
    syncNow: () => log.push('syncNow'),
    close: () => log.push('close'),
    now: () => now,
    schedule: (ms, fn) => {
      const timer = { at: now + ms, fn, live: true };
      timers.push(timer);
      log.push(`timer +${ms}`);
      return { cancel: () => void (timer.live = false) };
    },
  };
  return {
    io,
    log,
    file: () => file,
    finishSync: (error: Error | null = null) => syncs.shift()!(error),
    finishAll: () => {
      while (syncs.length > 0) syncs.shift()!(null);
    },
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => t.live && t.at <= now)) {
        t.live = false;
        t.fn();
      }
    },
  };
}

describe('JournalWriter', () => {
  it('holds segments until the acknowledgement that covers them, then writes both at once', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000);
    writer.hold('s1\n');
    writer.hold('s2\n');
    expect(disk.log).toEqual([]);
    writer.commit('a1\n');
    expect(disk.log).toEqual(['write "s1\\ns2\\na1\\n"', 'sync']);
    expect(writer.counts).toEqual({ writes: 1, syncs: 1 });
  });

  it('fsyncs in the background at most once per interval, each covering every earlier write', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000);
    writer.commit('a1\n'); // fsync 1 starts at 0
    disk.advance(100);
    writer.commit('a2\n'); // written; its fsync waits for the one in flight
    writer.commit('a3\n');
    disk.finishSync(); // at 100: next allowed at 1000
    expect(disk.log).toEqual(['write "a1\\n"', 'sync', 'write "a2\\n"', 'write "a3\\n"', 'timer +900']);
    disk.advance(900);
    expect(disk.log.slice(5)).toEqual(['sync']);
    disk.finishSync();
    disk.advance(5000);
    writer.commit('a4\n'); // long after: at once
    expect(disk.log.slice(6)).toEqual(['write "a4\\n"', 'sync']);
    expect(writer.counts).toEqual({ writes: 4, syncs: 3 });
  });

  it('at close, drops what nothing committed, fsyncs what is unsynced, and waits for an fsync in flight to close', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000);
    writer.commit('a1\n');
    writer.hold('s2\n');
    writer.close();
    expect(disk.log).toEqual(['write "a1\\n"', 'sync', 'syncNow']);
    disk.finishSync();
    expect(disk.log).toEqual(['write "a1\\n"', 'sync', 'syncNow', 'close']);
    expect(disk.file()).toBe('a1\n');
    writer.close();
    expect(disk.log.length).toBe(4);
    expect(() => writer.commit('a2\n')).toThrow('journal is closed');
  });

  it('closes at once when nothing is in flight, cancelling a pending fsync timer', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000);
    writer.commit('a1\n');
    disk.finishSync();
    writer.commit('a2\n'); // waits on a timer
    writer.close();
    disk.advance(2000);
    expect(disk.log).toEqual(['write "a1\\n"', 'sync', 'write "a2\\n"', 'timer +1000', 'syncNow', 'close']);
  });

  it('defers a commit that only the latest of matters: written when due, replaced by a later one', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000, 500);
    writer.defer('a1\n');
    writer.defer('a2\n');
    expect(disk.log).toEqual(['timer +500']);
    disk.advance(500);
    expect(disk.log).toEqual(['timer +500', 'write "a2\\n"', 'sync']);
    disk.finishSync();
    writer.defer('a3\n');
    writer.hold('s4\n');
    writer.commit('a4\n'); // covers s4 and supersedes a3
    disk.advance(5000);
    expect(disk.file()).toBe('a2\ns4\na4\n');
    writer.defer('a5\n');
    writer.close(); // the latest progress is kept
    expect(disk.file()).toBe('a2\ns4\na4\na5\n');
  });

  it('defers by key: a commit supersedes only the deferred entry of its own key', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000, 500);
    writer.defer('a1\n');
    writer.defer('p1\n', 'span 10');
    writer.defer('p2\n', 'span 10');
    writer.defer('q1\n', 'span 20');
    writer.commit('q2\n', 'span 20'); // supersedes q1, not a1 or p2
    expect(disk.file()).toBe('q2\n');
    disk.advance(500);
    expect(disk.file()).toBe('q2\na1\np2\n');
    expect(disk.log.filter((l) => l.startsWith('timer'))).toEqual(['timer +500']);
  });

  it('reports a failed background fsync at the next entry', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 1000);
    writer.commit('a1\n');
    disk.finishSync(new Error('EIO: i/o error, fsync'));
    expect(() => writer.hold('s\n')).toThrow('EIO: i/o error, fsync');
  });

  it('an hour of audio, an utterance every 2.4 s, acknowledged one by one: 1 write each, fsyncs by the interval', () => {
    const disk = fakeIo();
    const writer = new JournalWriter(disk.io, 2000);
    // At --speed 100, 1500 utterances arrive 24 ms apart.
    for (let i = 0; i < 1500; i++) {
      writer.hold(`s${i}\n`);
      writer.commit(`a${i}\n`);
      disk.advance(12);
      disk.finishAll(); // an fsync takes 12 ms
      disk.advance(12);
    }
    // Before: 2 writes and 2 fsyncs (fsyncSync, on the event loop) per utterance.
    expect(writer.counts).toEqual({ writes: 1500, syncs: 18 });
  });
});
