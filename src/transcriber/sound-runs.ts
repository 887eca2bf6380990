// Where the audio sent so far had sound, on the input's timeline: runs of chunks above the
// silence threshold. The acknowledged offset may cross silence, never sound that no transcript
// covers, so this is what it asks. Bounded: runs behind the acknowledged offset are released.

interface Run {
  start: number;
  end: number;
}

export class SoundRuns {
  private runs: Run[] = [];
  private head = 0;
  private classifiedTo = 0; // audio before this was already classified (replays re-send it)

  constructor(start = 0) {
    this.classifiedTo = start;
  }

  /** A chunk of input samples [start, end) was sent; `silent` is its local verdict. */
  sent(start: number, end: number, silent: boolean): void {
    const from = Math.max(start, this.classifiedTo);
    if (end <= from) return;
    this.classifiedTo = end;
    if (silent) return;
    const last = this.runs[this.runs.length - 1];
    if (last && this.runs.length > this.head && last.end >= from) last.end = end;
    else this.runs.push({ start: from, end });
  }

  /** The first input sample at or after `sample` that holds sound, if any was sent. */
  firstSoundFrom(sample: number): number | undefined {
    for (let i = this.head; i < this.runs.length; i++) {
      const run = this.runs[i];
      if (run !== undefined && run.end > sample) return Math.max(run.start, sample);
    }
    return undefined;
  }

  /** Forgets the runs that end before `sample`. */
  release(sample: number): void {
    for (let run = this.runs[this.head]; run !== undefined && run.end <= sample; run = this.runs[this.head]) {
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.runs.length) {
      this.runs = this.runs.slice(this.head);
      this.head = 0;
    }
  }
}
