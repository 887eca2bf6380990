// The baseline: what a loop over the official SDK's realtime client (openai 7, OpenAIRealtimeWS
// with the transcription intent) does. One session at a time, server VAD, 40 ms appends on a
// real-time schedule, transcripts printed as they complete. No rotation, no replay: when the
// session ends, whatever it had not transcribed is gone, and with `reconnect` a new session takes
// the audio from where the loop has got to.
//
// The SDK speaks wss:// only, so the bench's emulator runs with --tls and the worker trusts its
// certificate (NODE_EXTRA_CA_CERTS); this tool's runs go over the same TLS, so both pay for it.
// The `openai` package is a dev dependency: the bench is not part of the published package.
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { SendTimer } from './stats.js';
import { connectionTimer, countAppend, type WireCounts } from './wire-meter.js';

export interface PlainClientOptions {
  url: string;
  key: string;
  deployment: string;
  /** 40 ms chunks, in order. */
  pcm: AsyncIterable<Buffer>;
  speed: number;
  /** Open a new session when one ends (no replay); otherwise stop at the first end. */
  reconnect: boolean;
  counts: WireCounts;
  /** How long to wait for outstanding transcripts at the end (wall ms). */
  drainMs?: number;
}

export interface PlainResult {
  transcripts: string[];
  sessions: number;
  /** Seconds of input the loop got through before it stopped. */
  inputSec: number;
}

interface Session {
  rt: OpenAIRealtimeWS;
  ready: Promise<boolean>;
  open: boolean;
  pending: number;
  timer: SendTimer;
}

export async function runPlainClient(o: PlainClientOptions): Promise<PlainResult> {
  const transcripts: string[] = [];
  let sessions = 0;
  // As Azure's v1 API is used with the OpenAI client: base URL …/openai/v1, the key as Bearer.
  const client = new OpenAI({ apiKey: o.key, baseURL: `${o.url}/openai/v1` });

  const openSession = (): Session => {
    sessions++;
    const rt = new OpenAIRealtimeWS({ intent: 'transcription' }, client);
    const session: Session = {
      rt,
      open: false,
      pending: 0,
      timer: connectionTimer(o.counts),
      ready: Promise.resolve(false),
    };
    session.ready = new Promise((resolve) => {
      rt.socket.on('open', () => {
        send(session, {
          type: 'session.update',
          session: {
            type: 'transcription',
            audio: {
              input: {
                format: { type: 'audio/pcm', rate: 24000 },
                transcription: { model: o.deployment },
                turn_detection: {
                  type: 'server_vad',
                  threshold: 0.5,
                  prefix_padding_ms: 300,
                  silence_duration_ms: 500,
                },
              },
            },
          },
        });
      });
      // The SDK parses each message once and emits it typed; the socket's own event gives the
      // size on the wire without a second encoding.
      rt.socket.on('message', (data: Buffer) => (o.counts.downBytes += data.length));
      rt.on('session.updated', () => {
        session.open = true;
        resolve(true);
      });
      rt.on('input_audio_buffer.committed', () => session.pending++);
      rt.on('conversation.item.input_audio_transcription.completed', (event) => {
        session.pending--;
        if (event.transcript) transcripts.push(event.transcript);
      });
      rt.on('error', () => {});
      rt.socket.on('close', () => {
        session.open = false;
        resolve(false);
      });
    });
    return session;
  };

  const send = (session: Session, event: Parameters<OpenAIRealtimeWS['send']>[0]): void => {
    o.counts.upBytes += JSON.stringify(event).length;
    session.rt.send(event);
  };

  let session = openSession();
  if (!(await session.ready)) return { transcripts, sessions, inputSec: 0 };
  let started = performance.now();
  let audioMs = 0;
  for await (const chunk of o.pcm) {
    const wait = started + audioMs / o.speed - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (!session.open) {
      if (!o.reconnect) break;
      // What the old session had not transcribed is lost; the loop goes on from this chunk, on a
      // schedule that starts again now.
      session = openSession();
      if (!(await session.ready)) break;
      started = performance.now() - audioMs / o.speed;
    }
    const chunkMs = chunk.length / 48;
    const audio = chunk.toString('base64');
    countAppend(o.counts, session.timer, performance.now(), chunkMs, audio.length);
    session.rt.send({ type: 'input_audio_buffer.append', audio });
    audioMs += chunkMs;
  }
  if (session.open) {
    send(session, { type: 'input_audio_buffer.commit' });
    const deadline = performance.now() + (o.drainMs ?? 5000);
    // Committed items whose transcripts are still on the way.
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (session.open && session.pending > 0 && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    session.rt.close({ code: 1000, reason: '' });
  }
  return { transcripts, sessions, inputSec: audioMs / 1000 };
}
