// Someone else's client: the official `openai` package's (v7) Realtime WebSocket client, against the
// emulator over a real loopback wss:// socket, configures a transcription session, appends a
// tonecode file's audio and gets the exact transcript. Every wait is on an event.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { AzureOpenAI } from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { makeCorpusFile, readPcm, type CorpusFile } from '../helpers/tonecode-files.js';

let dir: string;
let file: CorpusFile;
let pcm: Int16Array;
let emu: RunningEmulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-sdk-'));
  file = await makeCorpusFile(dir, { count: 6 });
  pcm = await readPcm(file.path);
  emu = await startEmulator({ tls: true, seed: 1, timeScale: 10, latencyMs: [100, 900] });
}, 60_000);

afterAll(async () => {
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

// Opens nothing itself: `rt` is a client the SDK opened. Appends the file's audio once the
// transcription session is configured, resolves with the transcripts in commit order.
async function transcribeWith(rt: OpenAIRealtimeWS, model: string): Promise<{ text: string[]; errors: unknown[] }> {
  const errors: unknown[] = [];
  rt.on('error', (err) => errors.push(err));
  const created = new Promise((resolve) => rt.once('session.created', resolve));
  const updated = new Promise((resolve) => rt.once('session.updated', resolve));
  const transcripts = new Map<string, string>();
  const order: string[] = [];
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  rt.on('input_audio_buffer.committed', (e) => order.push(e.item_id));
  rt.on('conversation.item.input_audio_transcription.completed', (e) => {
    transcripts.set(e.item_id, e.transcript);
    if (transcripts.size === file.expectedText.length) allDone();
  });

  await created;
  rt.send({
    type: 'session.update',
    session: {
      type: 'transcription',
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: { model },
          turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
        },
      },
    },
  });
  await updated;
  for (let i = 0; i < pcm.length; i += 960) {
    const chunk = pcm.subarray(i, Math.min(pcm.length, i + 960));
    rt.send({
      type: 'input_audio_buffer.append',
      audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'),
    });
  }
  await done;
  rt.close();
  return { text: order.map((id) => transcripts.get(id)!.toLowerCase().replace(/\.$/, '')), errors };
}

describe('the official openai SDK (v7) against emulate --tls', () => {
  it('OpenAIRealtimeWS with the transcription intent, on the Azure v1 path, transcribes a tonecode file exactly', async () => {
    // As Azure's v1 API is used with the OpenAI client: base URL …/openai/v1, the key as Bearer.
    const client = new OpenAI({ apiKey: emu.key, baseURL: `${emu.url}/openai/v1` });
    const rt = new OpenAIRealtimeWS({ intent: 'transcription', options: { ca: emu.tls!.certPem } }, client);
    // v7 opens a transcription session directly: ?intent=transcription, no model in the URL.
    expect(rt.url.search).toBe('?intent=transcription');
    const { text, errors } = await transcribeWith(rt, 'emulator');
    expect(text).toEqual(file.expectedText);
    expect(errors).toEqual([]);
    expect(emu.stats().sessions.at(-1)).toMatchObject({ path: '/openai/v1/realtime', items: 6 });
  }, 60_000);

  it('the Azure client (AzureOpenAI) reaches /openai/v1 without its api-version and transcribes exactly', async () => {
    const azure = new AzureOpenAI({
      apiKey: emu.key,
      baseURL: `${emu.url}/openai/v1`,
      apiVersion: '2025-04-01-preview',
      deployment: 'emulator',
    });
    const rt = await OpenAIRealtimeWS.azure(azure, { intent: 'transcription', options: { ca: emu.tls!.certPem } });
    // v6 sent ?api-version=… here, which the GA path refuses (400 unsupported_api_version); v7 does not.
    expect(rt.url.pathname).toBe('/openai/v1/realtime');
    expect(rt.url.search).toBe('?intent=transcription');
    const { text, errors } = await transcribeWith(rt, 'emulator');
    expect(text).toEqual(file.expectedText);
    expect(errors).toEqual([]);
    expect(emu.stats().sessions.at(-1)).toMatchObject({ path: '/openai/v1/realtime', items: 6 });
  }, 60_000);
});
