// A minimal Realtime client over an in-process emulator's Connect: records every event and how the
// connection ended, and waits on events rather than on time (so it works on a VirtualClock).
import type { ClientEvent, ServerEvent } from '../../src/realtime/events.js';
import type { CloseInfo, ConnectRequest, Transport } from '../../src/realtime/transport-types.js';
import type { InProcessEmulator } from '../../src/emulator/index.js';
import { appendEvents, configureEvent } from './client-events.js';

// Events as decoded: loose on purpose, the tests check the shapes.
export type Seen = ServerEvent & Record<string, any>;

export interface OpenOptions {
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
}

export function requestFor(emu: Pick<InProcessEmulator, 'url' | 'key'>, options: OpenOptions = {}): ConnectRequest {
  const path = options.path ?? '/openai/v1/realtime';
  const query = options.query ?? 'intent=transcription';
  const azure = path.startsWith('/openai/');
  return {
    url: `${emu.url.replace(/^http/, 'ws')}${path}${query ? `?${query}` : ''}`,
    headers: options.headers ?? (azure ? { 'api-key': emu.key } : { Authorization: `Bearer ${emu.key}` }),
    handshakeTimeoutMs: 10_000,
    pingIntervalMs: options.pingIntervalMs ?? 0,
    pongTimeoutMs: options.pongTimeoutMs ?? 0,
  };
}

export class InProcessClient {
  readonly events: Seen[] = [];
  readonly closed: Promise<CloseInfo>;
  closeInfo: CloseInfo | undefined;
  private waiters: { match: (e: Seen) => boolean; resolve: (e: Seen) => void }[] = [];

  private constructor(readonly transport: Transport) {
    transport.onEvent((event) => {
      const seen = event as Seen;
      this.events.push(seen);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(seen)) return true;
        w.resolve(seen);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      transport.onClose((info) => {
        this.closeInfo = info;
        resolve(info);
      }),
    );
  }

  static async open(emu: InProcessEmulator, options: OpenOptions = {}): Promise<InProcessClient> {
    return new InProcessClient(await emu.connect(requestFor(emu, options)));
  }

  // The first event (already received or still to come) that matches.
  waitFor(match: string | ((e: Seen) => boolean)): Promise<Seen> {
    const test = typeof match === 'string' ? (e: Seen) => e.type === match : match;
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match: test, resolve }));
  }

  // Resolves once `n` events of this type have arrived.
  async waitForCount(type: string, n: number): Promise<Seen[]> {
    let count = this.of(type).length;
    while (count < n) {
      await this.waitFor((e) => e.type === type && this.of(type).length > count);
      count = this.of(type).length;
    }
    return this.of(type);
  }

  of(type: string): Seen[] {
    return this.events.filter((e) => e.type === type);
  }

  send(event: ClientEvent | Record<string, unknown>): void {
    this.transport.send(event as ClientEvent);
  }

  appendPcm(samples: Int16Array, chunkMs = 40): void {
    for (const event of appendEvents(samples, chunkMs)) this.send(event);
  }

  configure(turnDetection: Record<string, unknown> | null, model = 'emulator'): void {
    this.send(configureEvent(turnDetection, model));
  }

  // Transcripts in the order of the committed chain (previous_item_id).
  transcriptInOrder(): string[] {
    const next = new Map<string | null, string>();
    for (const c of this.of('input_audio_buffer.committed')) next.set(c.previous_item_id, c.item_id);
    const text = new Map(
      this.of('conversation.item.input_audio_transcription.completed').map((c) => [c.item_id, c.transcript]),
    );
    const out: string[] = [];
    for (let id = next.get(null); id !== undefined; id = next.get(id)) out.push(text.get(id) ?? '');
    return out;
  }
}
