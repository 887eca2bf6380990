import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { replayThenRest } from '../../src/audio/replay-stream.js';
import { pullFrom } from '../../src/audio/stream-pull.js';

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('pullFrom', () => {
  it('hands over each write as it arrives, then null at the end', async () => {
    const source = new PassThrough();
    const pull = pullFrom(source);
    source.write(Buffer.from('ab'));
    expect(await pull.read()).toEqual(Buffer.from('ab'));
    const pending = pull.read();
    setTimeout(() => source.end(Buffer.from('cd')), 5);
    expect(await pending).toEqual(Buffer.from('cd'));
    expect(await pull.read()).toBeNull();
    expect(pull.ended).toBe(true);
  });

  it('rejects with the stream error', async () => {
    const source = new PassThrough();
    const pull = pullFrom(source);
    setTimeout(() => source.destroy(new Error('EIO')), 5);
    await expect(pull.read()).rejects.toThrow('EIO');
  });

  it('on release, resolves a pending read with null and leaves unread bytes in the stream, open', async () => {
    const source = new PassThrough();
    const pull = pullFrom(source);
    const pending = pull.read();
    pull.release();
    expect(await pending).toBeNull();
    source.end(Buffer.from('rest'));
    expect(source.destroyed).toBe(false);
    expect(await drain(source)).toEqual(Buffer.from('rest'));
  });

  it('sees a stream that ended before it was attached', async () => {
    const source = Readable.from([Buffer.from('x')]);
    await drain(source);
    const pull = pullFrom(source);
    expect(await pull.read()).toBeNull();
  });
});

describe('replayThenRest', () => {
  it('gives the sniffed bytes back, then the rest of the source', async () => {
    const source = new PassThrough();
    const pull = pullFrom(source);
    source.write(Buffer.from('ID3'));
    const head = (await pull.read())!;
    pull.release();
    const replay = replayThenRest(head, source, false);
    source.write(Buffer.from('-more'));
    source.end(Buffer.from('-end'));
    expect((await drain(replay.stream)).toString()).toBe('ID3-more-end');
  });

  it('ends after the head when the source has already ended', async () => {
    const replay = replayThenRest(Buffer.from('fLaC'), new PassThrough(), true);
    expect((await drain(replay.stream)).toString()).toBe('fLaC');
  });

  it('carries a source error across instead of ending cleanly', async () => {
    const source = new PassThrough();
    const replay = replayThenRest(Buffer.from('x'), source, false);
    setTimeout(() => source.destroy(new Error('EPIPE upstream')), 5);
    await expect(drain(replay.stream)).rejects.toThrow('EPIPE upstream');
  });

  it('detach() stops forwarding and leaves the source open', async () => {
    const source = new PassThrough();
    const replay = replayThenRest(Buffer.from('a'), source, false);
    replay.detach();
    source.write(Buffer.from('b'));
    expect(source.destroyed).toBe(false);
    (replay.stream as unknown as { end(): void }).end(); // the caller's own end of what it replays
    expect((await drain(replay.stream)).toString()).toBe('a');
  });
});
