// Whoever brings audio that JS decodes (PCM, a WAV or raw PCM on stdin) needs no ffmpeg: both
// ffmpeg packages are optional, and a run looks for one only when an input needs it.
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { TranscribeError, transcribe, type TranscribeOptions } from '../../src/index.js';
import { startInProcessEmulator, VirtualClock } from '../../src/emulator/index.js';
import { synthesizeCorpus, wavHeader } from '../../src/tonecode/index.js';
import { inProcessOptions } from '../helpers/in-process-run.js';

// No ffmpeg anywhere: what an install with --omit=optional on a machine without one finds.
vi.mock('../../src/audio/ffmpeg-locate.js', () => ({
  locateFfmpeg: () => {
    throw new TranscribeError(
      'FFMPEG_NOT_FOUND',
      'ffmpeg was not found (looked at ffmpegPath, FFMPEG_PATH, PATH, ffmpeg-static, @ffmpeg-installer/ffmpeg)',
    );
  },
}));

async function segmentsOf(input: string, extra: Partial<TranscribeOptions>): Promise<string[]> {
  const clock = new VirtualClock();
  const emu = startInProcessEmulator({ clock, seed: 2 });
  try {
    const texts: string[] = [];
    const options = { ...inProcessOptions(emu, clock), ...extra };
    for await (const event of transcribe(input, options)) if (event.type === 'segment') texts.push(event.segment.text);
    return texts;
  } finally {
    await emu.close();
    clock.dispose();
  }
}

describe('without ffmpeg', () => {
  const { pcm } = synthesizeCorpus({ count: 3 });
  const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);

  it('a WAV on stdin is transcribed', async () => {
    const wav = Buffer.concat([wavHeader(bytes.length, 24_000, 1), bytes]);
    expect(await segmentsOf('-', { stdin: Readable.from([wav]), live: false })).toHaveLength(3);
  });

  it('raw PCM on stdin is transcribed', async () => {
    const texts = await segmentsOf('-', {
      stdin: Readable.from([bytes]),
      live: false,
      rawInput: { encoding: 's16le', sampleRate: 24_000, channels: 1 },
    });
    expect(texts).toHaveLength(3);
  });

  it('a file says that ffmpeg was not found', async () => {
    await expect(segmentsOf('meeting.mp3', {})).rejects.toMatchObject({ code: 'FFMPEG_NOT_FOUND' });
  });
});
