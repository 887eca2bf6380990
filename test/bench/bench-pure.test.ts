import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args.js';
import { benchCorpus } from '../../bench/corpus-source.js';
import { parseStats } from '../../bench/service.js';
import { Histogram, SendTimer, percentile } from '../../bench/stats.js';
import { formatTable } from '../../bench/table.js';
import { corpusDurationSec } from '../../src/tonecode/index.js';

describe('bench arithmetic', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100), percentile([], 50)]).toEqual([
      50,
      99,
      100,
      NaN,
    ]);
  });

  it('judges each gap between appends against the audio before it, per connection', () => {
    // 40 ms chunks at 10×: 4 ms apart. The second connection's first append has no gap to judge.
    const errors = new Histogram(0.5, 100);
    const first = new SendTimer(errors, 10);
    for (const at of [0, 4, 9, 12]) first.sent(at, 40);
    const second = new SendTimer(errors, 10);
    second.sent(100, 20);
    second.sent(102, 40);
    expect(errors.count).toBe(4); // errors 0, 1, 1 (a gap 1 ms short), 0
    expect([errors.percentile(25), errors.percentile(50), errors.percentile(75), errors.percentile(100)]).toEqual([
      0, 0, 1, 1,
    ]);
    errors.add(5000);
    expect(errors.percentile(100)).toBe(100);
    expect(new Histogram().percentile(50)).toBeNaN();
  });

  it('reads the emulator stats line', () => {
    expect(
      parseStats(
        'upgrades 9; sessions 9 (max concurrent 2); items committed 1501, completed 1500; drops 3; too-fast drops 1; expires 1',
      ),
    ).toEqual({
      upgrades: 9,
      sessions: 9,
      maxConcurrent: 2,
      committed: 1501,
      completed: 1500,
      drops: 3,
      expires: 1,
    });
  });

  it('sizes the varied-pause corpus to the hours asked for', () => {
    const hour = benchCorpus(1, 1);
    expect(hour.audioSec).toBe(corpusDurationSec(hour.options));
    expect(hour.audioSec).toBeGreaterThanOrEqual(3600);
    expect(hour.audioSec).toBeLessThan(3600 + 25);
    expect(hour.options).toEqual({ count: hour.count, pauses: 'varied', seed: 1 });
  });

  it('parses sections and sizes, compare and CPU at pace by default', () => {
    expect(parseBenchArgs([])).toMatchObject({
      sections: ['compare', 'cpu'],
      hours: 1,
      speed: 100,
      spansSpeed: 3,
      cpuHours: 0.25,
      cpuSpeed: 10,
      parallel: 8,
      memoryHours: [1, 10],
    });
    expect(parseBenchArgs(['memory', '--memory-hours', '0.5,2', '--speed', '50']).sections).toEqual(['memory']);
    expect(parseBenchArgs(['all', 'decode']).sections).toEqual(['compare', 'cpu', 'memory', 'decode', 'summary']);
    expect(parseBenchArgs(['cpu', '--cpu-runs', '2']).cpuRuns).toBe(2);
    expect(() => parseBenchArgs(['--hours', '0'])).toThrow('bench: --hours takes a positive number, got 0');
  });

  it('lines up a table', () => {
    expect(
      formatTable(
        ['run', 'n'],
        [
          ['a', '1'],
          ['bbb', '22'],
        ],
      ),
    ).toBe('run   n\n---  --\na     1\nbbb  22\n');
  });
});
