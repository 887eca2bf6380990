import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertDistinctOutputs, outputTargets, partialPath } from '../../../src/cli/batch/paths.js';

describe('output path mapping', () => {
  it('mirrors the tree below the input directory, one file per format', () => {
    expect(outputTargets('transcripts', 'a/b.wav', ['txt'])).toEqual([
      { format: 'txt', path: join('transcripts', 'a', 'b.txt') },
    ]);
    expect(outputTargets('out/', 'b.wav', ['srt', 'vtt']).map((t) => t.path)).toEqual([
      join('out', 'b.srt'),
      join('out', 'b.vtt'),
    ]);
  });

  it('replaces only the last extension, and keeps names without one', () => {
    expect(outputTargets('o', 'x/talk.v2.mp4', ['json'])[0]!.path).toBe(join('o', 'x', 'talk.v2.json'));
    expect(outputTargets('o', 'x/recording', ['txt'])[0]!.path).toBe(join('o', 'x', 'recording.txt'));
    expect(outputTargets('o', 'x.y/recording', ['txt'])[0]!.path).toBe(join('o', 'x.y', 'recording.txt'));
  });

  it('puts an incomplete transcript beside the real one', () => {
    expect(partialPath('o/a.txt')).toBe('o/a.txt.partial');
  });

  it('refuses two inputs that would write the same file, naming both', () => {
    const item = (label: string, rel: string) => ({ label, outputs: outputTargets('out', rel, ['txt']) });
    expect(() => assertDistinctOutputs([item('rec/a.wav', 'a.wav'), item('rec/b.wav', 'b.wav')])).not.toThrow();
    expect(() => assertDistinctOutputs([item('rec/a.wav', 'a.wav'), item('rec/a.mp3', 'a.mp3')])).toThrow(
      `two inputs would write the same transcript (${join('out', 'a.txt')}): rec/a.wav and rec/a.mp3`,
    );
    expect(() => assertDistinctOutputs([item('x/A.wav', 'A.wav'), item('y/a.wav', 'a.wav')])).toThrow(
      /x\/A\.wav and y\/a\.wav/,
    );
  });
});
