// Someone else's client: the official `openai` package's Realtime WebSocket client, against the
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

describe('the official openai SDK against emulate --tls', () => {
  it('OpenAIRealtimeWS on the Azure v1 path transcribes a tonecode file exactly', async () => {
    // As Azure's v1 API is used with the OpenAI client: base URL …/openai/v1, the key as Bearer.
    const client = new OpenAI({ apiKey: emu.key, baseURL: `${emu.url}/openai/v1` });
    const rt = new OpenAIRealtimeWS({ model: 'emulator', options: { ca: emu.tls!.certPem } }, client);
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
            transcription: { model: 'emulator' },
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

    const text = order.map((id) => transcripts.get(id)!.toLowerCase().replace(/\.$/, ''));
    expect(text).toEqual(file.expectedText);
    expect(errors).toEqual([]);
    expect(emu.stats().sessions[0]).toMatchObject({ path: '/openai/v1/realtime', items: 6 });
  }, 60_000);

  it('the Azure client (AzureOpenAI) is told plainly that api-version does not belong on /openai/v1', async () => {
    const azure = new AzureOpenAI({
      apiKey: emu.key,
      baseURL: `${emu.url}/openai/v1`,
      apiVersion: '2025-04-01-preview',
      deployment: 'emulator',
    });
    const rt = await OpenAIRealtimeWS.azure(azure, { options: { ca: emu.tls!.certPem } });
    const refused = await new Promise<{ status: number; body: string }>((resolve) => {
      rt.socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    rt.on('error', () => {});
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'unsupported_api_version', param: 'api-version' });
  }, 60_000);
});
