// Counters of what the emulator did, for tests and for the summary the `emulate` command prints.
import type { EmulatorStats, SessionRecord } from './types.js';

export class StatsRecorder {
  private readonly counts: Omit<EmulatorStats, 'refused' | 'sessions'> = {
    upgrades: 0,
    sessionsOpened: 0,
    maxConcurrent: 0,
    current: 0,
    drops: 0,
    expires: 0,
    stalls: 0,
    tooFastDrops: 0,
    deafened: 0,
    itemsCommitted: 0,
    itemsCompleted: 0,
    itemsFailed: 0,
  };
  private readonly refused: Record<number, number> = {};
  private readonly sessions: SessionRecord[] = [];

  upgrade(): void {
    this.counts.upgrades++;
  }

  refuse(status: number): void {
    this.refused[status] = (this.refused[status] ?? 0) + 1;
  }

  // Called when an upgrade is accepted, before the handshake completes, so that concurrent
  // upgrades are counted against maxSessions at once.
  reserve(): void {
    this.counts.current++;
    this.counts.maxConcurrent = Math.max(this.counts.maxConcurrent, this.counts.current);
  }

  release(): void {
    this.counts.current--;
  }

  get current(): number {
    return this.counts.current;
  }

  open(record: SessionRecord): void {
    this.counts.sessionsOpened++;
    this.sessions.push(record);
  }

  count(
    what:
      | 'drops'
      | 'expires'
      | 'stalls'
      | 'tooFastDrops'
      | 'deafened'
      | 'itemsCommitted'
      | 'itemsCompleted'
      | 'itemsFailed',
  ): void {
    this.counts[what]++;
  }

  snapshot(): EmulatorStats {
    return {
      ...this.counts,
      refused: { ...this.refused },
      sessions: this.sessions.map((record) => ({ ...record })),
    };
  }
}

// One line per counter that is not zero, for a human.
export function formatStats(stats: EmulatorStats): string {
  const refused = Object.entries(stats.refused)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  const parts = [
    `upgrades ${stats.upgrades}`,
    refused && `refused ${refused}`,
    `sessions ${stats.sessionsOpened} (max concurrent ${stats.maxConcurrent})`,
    `items committed ${stats.itemsCommitted}, completed ${stats.itemsCompleted}`,
    stats.itemsFailed > 0 && `failed ${stats.itemsFailed}`,
    stats.drops > 0 && `drops ${stats.drops}`,
    stats.tooFastDrops > 0 && `too-fast drops ${stats.tooFastDrops}`,
    stats.expires > 0 && `expires ${stats.expires}`,
    stats.stalls > 0 && `stalls ${stats.stalls}`,
    stats.deafened > 0 && `deaf sessions ${stats.deafened}`,
  ];
  return parts.filter(Boolean).join('; ');
}
