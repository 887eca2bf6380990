import { describe, expect, it } from 'vitest';
import { outputFiles } from '../../src/transcript/paths.js';

describe('outputFiles', () => {
  it('uses the path as given when its extension names the one format', () => {
    expect(outputFiles('talk.srt', ['srt'])).toEqual([{ format: 'srt', path: 'talk.srt' }]);
    expect(outputFiles('dir/Talk.SRT', ['srt'])).toEqual([{ format: 'srt', path: 'dir/Talk.SRT' }]);
  });

  it('adds the extension otherwise', () => {
    expect(outputFiles('talk', ['txt'])).toEqual([{ format: 'txt', path: 'talk.txt' }]);
    expect(outputFiles('talk.txt', ['srt'])).toEqual([{ format: 'srt', path: 'talk.txt.srt' }]);
    expect(outputFiles('talk.json', ['jsonl'])).toEqual([{ format: 'jsonl', path: 'talk.json.jsonl' }]);
  });

  it('gives BASE.EXT for several formats, BASE losing a known extension', () => {
    expect(outputFiles('out/talk.txt', ['srt', 'vtt'])).toEqual([
      { format: 'srt', path: 'out/talk.srt' },
      { format: 'vtt', path: 'out/talk.vtt' },
    ]);
    expect(outputFiles('talk.v2', ['txt', 'json']).map((f) => f.path)).toEqual(['talk.v2.txt', 'talk.v2.json']);
    expect(outputFiles('talk.JSONL', ['txt', 'jsonl']).map((f) => f.path)).toEqual(['talk.txt', 'talk.jsonl']);
  });

  it('refuses a directory path', () => {
    expect(() => outputFiles('transcripts/', ['txt'])).toThrow('output path (transcripts/) is not a file name');
  });
});
