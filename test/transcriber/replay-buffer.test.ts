import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from '../../src/transcriber/replay-buffer.js';

const pcm = (from: number, samples: number) => {
  const buf = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) buf.writeInt16LE((from + i) % 32768, i * 2);
  return buf;
};
const values = (buf: Buffer) => Array.from({ length: buf.length / 2 }, (_, i) => buf.readInt16LE(i * 2));

describe('ReplayBuffer', () => {
  it('reads back exactly what was appended, across pieces', () => {
    const replay = new ReplayBuffer(1 << 20);
    replay.append(pcm(0, 100));
    replay.append(pcm(100, 50));
    replay.append(pcm(150, 10));
    expect(replay.end).toBe(160);
    expect(values(replay.read(90, 30))).toEqual(Array.from({ length: 30 }, (_, i) => 90 + i));
    expect(values(replay.read(155, 100))).toEqual([155, 156, 157, 158, 159]);
  });

  it('releases only behind the acknowledged offset, never backwards', () => {
    const replay = new ReplayBuffer(1 << 20);
    replay.append(pcm(0, 100));
    replay.append(pcm(100, 100));
    replay.release(130);
    expect(replay.start).toBe(130);
    expect(replay.bytes).toBe(70 * 2);
    replay.release(50); // an older ack changes nothing
    expect(replay.start).toBe(130);
    expect(values(replay.read(130, 3))).toEqual([130, 131, 132]);
    expect(() => replay.read(129, 1)).toThrow(RangeError);
  });

  it('fails with REPLAY_LIMIT naming the option instead of dropping audio', () => {
    const replay = new ReplayBuffer(48_000 * 2); // 2 s
    replay.append(pcm(0, 24_000));
    replay.append(pcm(0, 24_000));
    expect(() => replay.append(pcm(0, 10))).toThrowError(
      /replay buffer full: 2\.0 s of audio are waiting for a transcript \(`replayLimitMs: 2s`\)/,
    );
    replay.release(24_000);
    expect(() => replay.append(pcm(0, 10))).not.toThrow();
  });

  it('keeps memory bounded over a long run when acknowledgements follow', () => {
    const replay = new ReplayBuffer(24_000 * 2 * 10);
    for (let i = 0; i < 100_000; i++) {
      replay.append(pcm(0, 960));
      replay.release(replay.end - 960 * 5);
    }
    expect(replay.bytes).toBe(960 * 5 * 2);
    expect(replay.end).toBe(96_000_000);
  });
});
