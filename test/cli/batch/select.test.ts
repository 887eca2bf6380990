import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileMatcher, findMediaFiles, isMediaFile, MEDIA_EXTENSIONS } from '../../../src/cli/batch/select.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-select-'));
  const files = [
    'b.wav',
    'a.MP3',
    'notes.txt',
    'cover.jpg',
    'video/talk.mkv',
    'video/Talk.MOV',
    'z/y/x/deep.flac',
    'z/a.opus',
    '.hidden.wav',
    '.git/objects/pack.wav',
    'sub/.cache/c.wav',
    'sub/ok.m4a',
    'noext',
    'wav',
  ];
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), 'x');
  }
  await symlink(join(root, 'b.wav'), join(root, 'link.wav'));
  await symlink(join(root, 'z'), join(root, 'loop')); // a linked directory is not followed
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('choosing the files of a directory', () => {
  it('takes audio and video by extension, any case, recursively, in code-unit order', async () => {
    expect(await findMediaFiles(root, fileMatcher(undefined))).toEqual([
      'a.MP3',
      'b.wav',
      'link.wav',
      'sub/ok.m4a',
      'video/Talk.MOV',
      'video/talk.mkv',
      'z/a.opus',
      'z/y/x/deep.flac',
    ]);
  });

  it('skips hidden files and directories', async () => {
    const all = await findMediaFiles(root, () => true);
    expect(all.filter((f) => f.split('/').some((part) => part.startsWith('.')))).toEqual([]);
    expect(all).toContain('notes.txt');
  });

  it('takes what --pattern says instead', async () => {
    expect(await findMediaFiles(root, fileMatcher('*.wav'))).toEqual(['b.wav', 'link.wav']);
    expect(await findMediaFiles(root, fileMatcher('z/**'))).toEqual(['z/a.opus', 'z/y/x/deep.flac']);
    expect(await findMediaFiles(root, fileMatcher('*.txt'))).toEqual(['notes.txt']);
  });

  it('knows every listed extension, and a name that only looks like one is not', () => {
    for (const ext of MEDIA_EXTENSIONS) expect(isMediaFile(`a/b.${ext.toUpperCase()}`)).toBe(true);
    expect(MEDIA_EXTENSIONS).toEqual([
      'wav',
      'mp3',
      'flac',
      'ogg',
      'oga',
      'opus',
      'm4a',
      'aac',
      'wma',
      'aif',
      'aiff',
      'mp4',
      'mkv',
      'mov',
      'webm',
      'avi',
    ]);
    expect(isMediaFile('wav')).toBe(false);
    expect(isMediaFile('x/.wav')).toBe(false);
    expect(isMediaFile('x.wav/readme')).toBe(false);
  });
});
