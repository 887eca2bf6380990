import { describe, expect, it } from 'vitest';
import { FfmpegLog, parseLine } from '../../src/audio/ffmpeg-log.js';

// Recorded from ffmpeg 4.1 run with -loglevel level+info on a WAV cut short.
const CUT_WAV = `[wav @ 0x1e132c80] [warning] Estimating duration from bitrate, this may be inaccurate
[warning] Guessed Channel Layout for Input Stream #0.0 : stereo
[info] Input #0, wav, from 'file:tr.wav':
[info]   Metadata:
[info]     encoder         : Lavf58.24.100
[info]   Duration: 00:00:01.13, bitrate: 1411 kb/s
[info]     Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 44100 Hz, stereo, s16, 1411 kb/s
[info] Stream mapping:
[info]   Stream #0:0 -> #0:0 (pcm_s16le (native) -> pcm_s16le (native))
[warning] file:tr.wav: corrupt input packet in stream 0
[pcm_s16le @ 0x1e1613c0] [error] Invalid PCM packet, data has size 2 but at least a size of 4 was expected
[error] Error while decoding stream #0:0: Invalid data found when processing input
[info] size=      53kB time=00:00:01.13 bitrate= 384.0kbits/s speed= 951x
`;

const VIDEO_ONLY = `[info] Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:v.mp4':
[info]   Duration: 01:02:03.50, start: 0.000000, bitrate: 67 kb/s
[info]     Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 320x240, 25 fps (default)
[info] Output #0, s16le, to 'pipe:1':
[error] Output file #0 does not contain any stream
`;

describe('FfmpegLog', () => {
  it('pulls duration, estimation, warnings and the last error from a run', () => {
    const durations: Array<number | undefined> = [];
    const log = new FfmpegLog((s) => durations.push(s));
    log.write(CUT_WAV);
    log.end();
    expect(durations).toEqual([1.13]);
    expect(log.facts).toEqual({
      durationSeconds: 1.13,
      durationEstimated: true,
      hasVideo: false,
      lastError: 'Error while decoding stream #0:0: Invalid data found when processing input',
      firstError: 'Invalid PCM packet, data has size 2 but at least a size of 4 was expected',
      receivedSignal: false,
    });
    expect(log.warnings).toEqual([
      'Estimating duration from bitrate, this may be inaccurate',
      'file:tr.wav: corrupt input packet in stream 0',
      'Invalid PCM packet, data has size 2 but at least a size of 4 was expected',
      'Error while decoding stream #0:0: Invalid data found when processing input',
    ]);
  });

  it('handles lines split anywhere across writes, and \\r line ends', () => {
    const durations: Array<number | undefined> = [];
    const log = new FfmpegLog((s) => durations.push(s));
    const text = VIDEO_ONLY.replace(/\n/g, '\r');
    for (let i = 0; i < text.length; i += 7) log.write(text.slice(i, i + 7));
    log.end();
    expect(durations).toEqual([3723.5]);
    expect(log.facts.hasVideo).toBe(true);
    expect(log.facts.lastError).toBe('Output file #0 does not contain any stream');
  });

  it('reports an unknown duration once ffmpeg moves past the input', () => {
    const durations: Array<number | undefined> = [];
    const log = new FfmpegLog((s) => durations.push(s));
    log.write("[info] Input #0, wav, from 'pipe:0':\n[info]   Duration: N/A, bitrate: 256 kb/s\n");
    log.end();
    expect(durations).toEqual([undefined]);
    expect(log.facts.durationSeconds).toBeNull();
  });

  it('does not count cover art as video', () => {
    const log = new FfmpegLog();
    log.write('[info]     Stream #0:1: Video: mjpeg, yuvj420p, 500x500, 90k tbr, 90k tbn, 90k tbc (attached pic)\n');
    expect(log.facts.hasVideo).toBe(false);
  });

  it('notices an ffmpeg stopped by a signal', () => {
    const log = new FfmpegLog();
    log.write('[info] Exiting normally, received signal 2.\n');
    expect(log.facts.receivedSignal).toBe(true);
  });

  it('falls back to the last untagged line from an ffmpeg without level tags', () => {
    const log = new FfmpegLog();
    log.write('Input #0, ogg, from x.ogg:\nx.ogg: End of file\nConversion failed!\n');
    log.end();
    expect(log.facts.lastError).toBe('x.ogg: End of file');
  });

  it('keeps a bounded tail and a bounded warning list', () => {
    const log = new FfmpegLog();
    for (let i = 0; i < 5_000; i++) log.write(`[warning] warning number ${i}\n`);
    log.write(`[info] ${'x'.repeat(50_000)}\n`);
    log.end();
    expect(log.tail.length).toBeLessThanOrEqual(9 * 1024);
    expect(log.warnings).toHaveLength(20);
  });
});

describe('parseLine', () => {
  it('splits the component prefix and level from the text', () => {
    expect(parseLine('[mp3 @ 0x55d0c8a3e2c0] [warning] invalid concatenated file detected')).toEqual({
      level: 'warning',
      text: 'invalid concatenated file detected',
    });
    expect(parseLine('[error] Conversion failed!')).toEqual({ level: 'error', text: 'Conversion failed!' });
    expect(parseLine('plain text')).toEqual({ level: undefined, text: 'plain text' });
  });
});
