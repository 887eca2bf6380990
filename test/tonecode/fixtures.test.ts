// The committed fixtures are what fixtures/README.md says they are.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../src/audio/ffmpeg-locate.js';
import {
  checkTranscript,
  corpusTimings,
  decodeTonecode,
  synthesizeCorpus,
  wavHeader,
} from '../../src/tonecode/index.js';
import { readPcm } from '../helpers/tonecode-files.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const demoText = async () => (await readFile(fixture('tonecode-demo.txt'), 'utf8')).trimEnd().split('\n');

describe('fixtures', () => {
  it('tonecode-demo.txt is the transcript of sentences 0-11', async () => {
    expect(await demoText()).toEqual(corpusTimings({ count: 12 }).map((t) => t.text));
    expect(checkTranscript(await demoText(), { count: 12 }).ok).toBe(true);
  });

  it('tonecode-demo.wav is that corpus as 24 kHz mono PCM16, byte for byte', async () => {
    const bytes = await readFile(fixture('tonecode-demo.wav'));
    const { pcm } = synthesizeCorpus({ count: 12 });
    expect(bytes.subarray(0, 44)).toEqual(wavHeader(pcm.byteLength, 24000, 1));
    expect(bytes.subarray(44).equals(Buffer.from(pcm.buffer))).toBe(true);
  });

  it('tonecode-demo.mp3 is 44.1 kHz stereo and decodes to the transcript', async () => {
    const probe = await promisify(execFile)(locateFfmpeg().path, [
      '-hide_banner',
      '-i',
      fixture('tonecode-demo.mp3'),
    ]).catch(
      (error: { stderr: string }) => error, // ffmpeg -i with no output exits 1 after describing the input
    );
    expect(probe.stderr).toMatch(/Audio: mp3, 44100 Hz, stereo, .*, 96 kb\/s/);
    const words = decodeTonecode(await readPcm(fixture('tonecode-demo.mp3'))).words.map((w) => w.text);
    expect(words.join(' ')).toBe((await demoText()).join(' '));
  }, 30_000);

  it('speech.wav is 16 kHz mono PCM16 speech, about 3 s, with no tonecode in it', async () => {
    const bytes = await readFile(fixture('speech.wav'));
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect([bytes.readUInt16LE(22), bytes.readUInt32LE(24), bytes.readUInt16LE(34)]).toEqual([1, 16000, 16]);
    const seconds = bytes.readUInt32LE(40) / 32000;
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(4);
    const result = decodeTonecode(new Int16Array(Uint8Array.from(bytes.subarray(44)).buffer), 16000);
    expect(result).toMatchObject({ words: [] });
    expect(result.otherSoundMs).toBeGreaterThan(1000);
  });

  it('corrupt.wav promises far more samples than it holds', async () => {
    const bytes = await readFile(fixture('corrupt.wav'));
    const demo = await readFile(fixture('tonecode-demo.wav'));
    expect(bytes.readUInt32LE(40)).toBe(demo.length - 44);
    expect(bytes.length - 44).toBeLessThan(0.45 * bytes.readUInt32LE(40));
    expect(bytes.equals(demo.subarray(0, bytes.length))).toBe(true);
  });

  it('not-audio.wav is text', async () => {
    const text = await readFile(fixture('not-audio.wav'), 'utf8');
    expect(text.startsWith('RIFF')).toBe(false);
    expect(text).toMatch(/^[\x20-\x7e\n]+$/);
  });

  it('are small (under 3 MB together) and each is described in the README', async () => {
    const names = (await readdir(fixture('.'))).filter((name) => name !== 'README.md');
    const readme = await readFile(fixture('README.md'), 'utf8');
    let total = 0;
    for (const name of names) {
      total += (await stat(fixture(name))).size;
      expect(readme).toContain(`\`${name}\``);
    }
    expect(total).toBeLessThan(3_000_000);
  });
});
