// How soon a live stream's words come out: from a sentence's last tone arriving to its segment,
// in audio time on the virtual clock (the VAD's 0.5 s of silence, the service's 0.2–0.9 s, a
// chunk or two). The same run through the stdin decoder (an arecord-style WAV on a pipe) shows
// that nothing on the way in holds audio back.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corpusTimings, formatCheckReport, synthesizeCorpusChunks, wavHeader } from '../../src/tonecode/index.js';
import type { VirtualClock } from '../../src/emulator/index.js';
import { faultRun, type FaultRunResult } from '../helpers/fault-run.js';

const MAX_LAG_SEC = 2.5;

function lags(result: FaultRunResult, count: number, sampleRate = 24_000): number[] {
  const timings = corpusTimings({ count, sampleRate });
  return result.events.flatMap((event, i) => {
    if (event.type !== 'segment') return [];
    const n = result.segments.indexOf(event.segment);
    return [result.eventTimes[i]! / 1000 - timings[n]!.endSec];
  });
}

// An arecord-style WAV written to a pipe as a recorder would: 100 ms at a time, in real time.
function recorder(count: number, rate: number): (clock: VirtualClock) => NodeJS.ReadableStream {
  return (clock) => {
    const pipe = new PassThrough();
    void (async () => {
      const header = wavHeader(0, rate, 1);
      header.writeUInt32LE(0x80000024, 4); // the unknown-length placeholder arecord writes
      header.writeUInt32LE(0x80000000, 40);
      pipe.write(header);
      for (const chunk of synthesizeCorpusChunks({ count, sampleRate: rate }, rate / 10)) {
        await clock.sleep(100);
        pipe.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
      pipe.end();
    })();
    return pipe;
  };
}

describe('lag on a live stream, in audio time', () => {
  it('PCM from a microphone: every sentence once, each within 2.5 s of being spoken', async () => {
    const result = await faultRun({ corpus: { count: 30 }, live: {} });
    expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
    const measured = lags(result, 30);
    expect(measured).toHaveLength(30);
    expect(Math.max(...measured)).toBeLessThan(MAX_LAG_SEC);
  });

  it('an arecord-style WAV on stdin, 16 kHz: decoded as it arrives, the same lag', async () => {
    const result = await faultRun({ corpus: { count: 30, sampleRate: 16_000 }, stdin: recorder(30, 16_000) });
    expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
    const measured = lags(result, 30, 16_000);
    expect(measured).toHaveLength(30);
    expect(Math.max(...measured)).toBeLessThan(MAX_LAG_SEC);
  });
});
