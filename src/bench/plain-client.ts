// The baseline: what a loop over the official SDK's realtime client does. One session at a time,
// server VAD, 40 ms appends on a real-time schedule, transcripts printed as they complete. No
// rotation, no replay: when the session ends, whatever it had not transcribed is gone, and with
// `reconnect` a new session takes the audio from where the loop has got to.
//
// Written on `ws` rather than openai/realtime/ws (OpenAIRealtimeWS): that client always rewrites
// the URL to wss:// and adds `?model=` (or Azure's `?api-version=&deployment=`), which the GA
// transcription path of the emulator answers as the service does (invalid_model, close 1008; or
// 401), so it cannot reach a plain local emulator. The messages and their encoding (one
// JSON.stringify per send, one JSON.parse per message, base64 audio) are the same.
import WebSocket from 'ws';
import type { SendTimer } from './stats.js';
import { APPEND_OVERHEAD, connectionTimer, countAppend, type WireCounts } from './wire-meter.js';

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
  socket: WebSocket;
  ready: Promise<boolean>;
  open: boolean;
  pending: number;
  timer: SendTimer;
}

export async function runPlainClient(o: PlainClientOptions): Promise<PlainResult> {
  const transcripts: string[] = [];
  let sessions = 0;
  const wsUrl = `${o.url.replace(/^http/, 'ws')}/openai/v1/realtime`;

  const openSession = (): Session => {
    sessions++;
    const socket = new WebSocket(wsUrl, { headers: { 'api-key': o.key }, perMessageDeflate: false });
    const session: Session = {
      socket,
      open: false,
      pending: 0,
      timer: connectionTimer(o.counts),
      ready: Promise.resolve(false),
    };
    session.ready = new Promise((resolve) => {
      socket.on('open', () => {
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
      socket.on('message', (data) => {
        const text = data.toString();
        o.counts.downBytes += text.length;
        const event = JSON.parse(text) as { type: string; transcript?: string };
        if (event.type === 'session.updated') {
          session.open = true;
          resolve(true);
        } else if (event.type === 'input_audio_buffer.committed') session.pending++;
        else if (event.type === 'conversation.item.input_audio_transcription.completed') {
          session.pending--;
          if (event.transcript) transcripts.push(event.transcript);
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        session.open = false;
        resolve(false);
      });
    });
    return session;
  };

  const send = (session: Session, event: object): void => {
    const text = JSON.stringify(event);
    o.counts.upBytes += text.length;
    session.socket.send(text);
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
    const text = JSON.stringify({ type: 'input_audio_buffer.append', audio: chunk.toString('base64') });
    countAppend(o.counts, session.timer, performance.now(), chunkMs, text.length - APPEND_OVERHEAD);
    session.socket.send(text);
    audioMs += chunkMs;
  }
  if (session.open) {
    send(session, { type: 'input_audio_buffer.commit' });
    const deadline = performance.now() + (o.drainMs ?? 5000);
    // Committed items whose transcripts are still on the way.
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (session.open && session.pending > 0 && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    session.socket.close(1000);
  }
  return { transcripts, sessions, inputSec: audioMs / 1000 };
}
