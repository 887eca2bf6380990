// The emulator's `record` option: every session's appended audio, exactly as decoded, in order,
// per session; in memory (SessionRecorder) or as one WAV per session (wavDirRecorder, --record).
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerEmulateCommand } from '../../src/cli/commands/emulate.js';
import {
  SessionRecorder,
  startInProcessEmulator,
  VirtualClock,
  wavDirRecorder,
  type EmulatorOptions,
} from '../../src/emulator/index.js';
import { InProcessClient } from '../helpers/in-process-client.js';
import { TestClient } from './client.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

function emulator(options: EmulatorOptions) {
  const clock = new VirtualClock();
  const emu = startInProcessEmulator({ key: 'k', seed: 1, clock, ...options });
  cleanup.push(async () => {
    await emu.close();
    clock.dispose();
  });
  return emu;
}

function ramp(length: number, from: number): Int16Array {
  return Int16Array.from({ length }, (_, i) => ((from + i * 7) % 60_000) - 30_000);
}

// Appends, then a manual commit: its `committed` comes after every earlier append was handled.
async function sendAndSettle(client: InProcessClient, pcm: Int16Array, chunkMs = 40): Promise<void> {
  client.appendPcm(pcm, chunkMs);
  client.send({ type: 'input_audio_buffer.commit' });
  await client.waitFor(
    (e) =>
      e.type === 'input_audio_buffer.committed' ||
      (e.type === 'error' && e.error.code === 'input_audio_buffer_commit_empty'),
  );
}

describe('the emulator records the audio each session received', () => {
  it('keeps each session’s samples exactly as appended, in order, apart from other sessions', async () => {
    const recorder = new SessionRecorder();
    const emu = emulator({ record: recorder.record });
    const first = await InProcessClient.open(emu);
    const second = await InProcessClient.open(emu);
    first.configure(null);
    second.configure(null);
    const a = ramp(24_000 * 3 + 17, 0);
    const b = ramp(24_000, 12_345);
    await sendAndSettle(first, a, 40);
    await sendAndSettle(second, b, 20);
    expect(recorder.sessions()).toEqual([1, 2]);
    expect(recorder.audio(1)).toEqual(a);
    expect(recorder.audio(2)).toEqual(b);
    expect(recorder.audio(3)).toEqual(new Int16Array(0));
  });

  it('records what a deaf session received, and nothing of an append the service refused', async () => {
    const recorder = new SessionRecorder();
    const emu = emulator({ record: recorder.record, faults: { deafAfterError: { afterMs: 0 } } });
    const client = await InProcessClient.open(emu);
    await client.waitFor('error'); // deaf from the start
    client.send({ type: 'input_audio_buffer.append', audio: 'not base64!' });
    const pcm = ramp(4800, 9);
    await sendAndSettle(client, pcm);
    expect(recorder.audio(1)).toEqual(pcm);
  });

  it('writes one WAV per session that is complete after every append', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rt-record-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const record = wavDirRecorder(join(dir, 'out'));
    record(2, ramp(100, 1));
    record(2, ramp(50, 2));
    record(1, ramp(10, 3));
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['session-1.wav', 'session-2.wav']);
    const wav = await readFile(join(dir, 'out', 'session-2.wav'));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + 300);
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.readUInt32LE(40)).toBe(300);
    const samples = new Int16Array(Uint8Array.from(wav.subarray(44)).buffer);
    expect(samples).toEqual(Int16Array.from([...ramp(100, 1), ...ramp(50, 2)]));
  });

  it('`emulate --record DIR` names the files in its banner and writes what a client appended', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rt-record-cli-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const out: string[] = [];
    const stop = new AbortController();
    const program = new Command('realtime-transcribe').exitOverride();
    registerEmulateCommand(program, { stdout: (s) => void out.push(s), stderr: () => {}, until: stop.signal });
    const done = program.parseAsync(['emulate', '--key', 'k', '--record', dir], { from: 'user' });
    const url = await new Promise<string>((resolve) => {
      const poll = () => {
        const match = out.join('').match(/url: (http:\/\/\S+)\n/);
        if (match) resolve(match[1]!);
        else setTimeout(poll, 10);
      };
      poll();
    });
    expect(out.join('')).toContain(`record: ${join(dir, 'session-N.wav')} (the audio each session receives)\n`);
    const client = await TestClient.connect(url, { key: 'k' });
    client.configure(null);
    const pcm = ramp(24_000, 5);
    client.appendPcm(pcm);
    client.send({ type: 'input_audio_buffer.commit' });
    await client.waitFor('input_audio_buffer.committed');
    await client.close();
    stop.abort();
    await done;
    const wav = await readFile(join(dir, 'session-1.wav'));
    expect(new Int16Array(Uint8Array.from(wav.subarray(44)).buffer)).toEqual(pcm);
  });

  it('refuses a record option that is not a function, naming it', () => {
    expect(() => startInProcessEmulator({ record: 'dir' as never })).toThrow(
      'emulator option record must be a function (session, pcm), got "string"',
    );
  });
});
