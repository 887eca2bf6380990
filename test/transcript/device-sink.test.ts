// -o on a character device or a FIFO: written as it is, as a stream; no extension, no temporary file.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranscriptSink } from '../../src/transcript/sink.js';
import { metadata } from '../helpers/metadata.js';
import { seg } from '../helpers/segments.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-device-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a device as the output', () => {
  it.skipIf(!existsSync('/dev/full'))('reports ENOSPC from /dev/full, naming it', async () => {
    const sink = createTranscriptSink({ outputPath: '/dev/full', device: true, formats: ['txt'] });
    sink.add(seg(0, 1, 'hello'));
    await expect(sink.finish(metadata)).rejects.toThrow(
      'cannot write output (/dev/full): ENOSPC no space left on device',
    );
    expect(existsSync('/dev/full.txt')).toBe(false);
  });

  it('writes a FIFO as it is, and nothing beside it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = createReadStream(fifo, { encoding: 'utf8' });
    let read = '';
    reader.on('data', (chunk) => (read += String(chunk)));
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const sink = createTranscriptSink({ outputPath: fifo, device: true, formats: ['srt'] });
    sink.add(seg(0, 1, 'hello'));
    sink.add(seg(1, 2, 'world'));
    expect(await sink.finish(metadata)).toEqual([]);
    await closed;
    expect(read).toBe('1\n00:00:00,000 --> 00:00:01,000\nhello\n\n2\n00:00:01,000 --> 00:00:02,000\nworld\n\n');
    expect(readdirSync(dir)).toEqual(['pipe']);
  });
});
