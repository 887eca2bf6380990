// The emulated service behind any host: which upgrades it admits (refuse fault, path, key,
// concurrent cap), the sessions it opens with their fault plans, its counters and its log. The
// WebSocket server (server.ts) and the in-process Connect (in-process.ts) are thin hosts around
// it, so a client meets the same service over a socket and in memory.
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../util/clock.js';
import { Connection, type ServerSocket } from './connection.js';
import { planSessionFaults } from './faults.js';
import { ItemFaults } from './item-faults.js';
import { idMaker, randomStream, uniform } from './random.js';
import type { Opening } from './session.js';
import type { Settings } from './settings.js';
import { StatsRecorder } from './stats.js';
import { ServiceTime } from './time.js';
import type { SessionRecord } from './types.js';
import { judgeUpgrade, refusalBody } from './upgrade.js';
import { SPEECH_MARKER_FORM } from './marker.js';

const OTHER_SOUND_NOTE =
  `note: this emulator recognises only tonecode and writes ${SPEECH_MARKER_FORM} markers for any other sound; ` +
  'to transcribe speech, point the client at a real Azure OpenAI or OpenAI Realtime service (see the README)';

export interface Refusal {
  kind: 'refuse';
  status: number;
  body: string;
  // Response headers, names lower-cased.
  headers: Record<string, string>;
}

// An admitted upgrade holds a session slot until it is opened or released.
export interface Admission {
  kind: 'accept';
  path: string;
  opening: Opening;
}

export class EmulatedService {
  readonly time: ServiceTime;
  readonly stats = new StatsRecorder();
  private readonly connections = new Map<Connection, Promise<void>>();
  private sessionCount = 0;
  private refusedByFault = 0;
  private readonly itemFaults: ItemFaults | undefined;
  private readonly tokensSeen = new Map<string, number>();

  constructor(
    readonly settings: Settings,
    clock: Clock,
  ) {
    this.time = new ServiceTime(settings.timeScale, clock);
    if (settings.faults.failItem) this.itemFaults = new ItemFaults(settings.faults.failItem);
  }

  private otherSoundNoted = false;

  // Said once per emulator: a person trying real speech on it should know why the words are missing.
  private noteOtherSound(): void {
    if (this.otherSoundNoted) return;
    this.otherSoundNoted = true;
    this.settings.onNote(OTHER_SOUND_NOTE);
  }

  log(line: string): void {
    this.settings.log(`${(this.time.now() / 1000).toFixed(3)}s ${line}`);
  }

  // Judges an upgrade request (its URL path and query, and its headers with lower-case names).
  admit(url: string, headers: IncomingHttpHeaders): Refusal | Admission {
    this.stats.upgrade();
    const path = pathOf(url);
    const fault = this.settings.faults.refuse;
    if (fault && (fault.count === undefined || this.refusedByFault < fault.count)) {
      this.refusedByFault++;
      return this.refuse(path, fault.status, undefined, `refuse fault (${this.refusedByFault}/${fault.count ?? '∞'})`);
    }
    const decision = judgeUpgrade(url, headers, this.settings.key);
    if (decision.kind === 'refuse')
      return this.refuse(path, decision.status, decision.message, decision.message, decision);
    if (decision.bearer !== undefined && this.tokenExpired(decision.bearer)) {
      return this.refuse(
        path,
        401,
        'Unauthorized: the access token has expired. Get a new token and connect again.',
        'token expired (tokenTtlMs)',
        {
          code: 'expired_token',
        },
      );
    }
    const max = this.settings.faults.maxSessions;
    if (max !== undefined && this.stats.current >= max) {
      return this.refuse(
        path,
        429,
        `At most ${max} concurrent session${max === 1 ? '' : 's'} allowed.`,
        `maxSessions ${max} reached`,
      );
    }
    // Counted from now, so concurrent upgrades cannot slip past maxSessions.
    this.stats.reserve();
    return { kind: 'accept', path: decision.path, opening: decision.opening };
  }

  // An admitted upgrade that never became a session (the client went away mid-handshake).
  release(): void {
    this.stats.release();
  }

  // Starts the session of an admitted upgrade on its socket.
  open(socket: ServerSocket, admission: Admission): Connection {
    const { settings, time, stats } = this;
    const number = ++this.sessionCount;
    const plan = planSessionFaults(settings.faults, number, settings.seed);
    const record: SessionRecord = { number, path: admission.path, openedAtMs: time.now(), audioMs: 0, items: 0 };
    if (plan.dropAtMs !== undefined) record.dropAtMs = plan.dropAtMs;
    if (plan.deaf !== undefined) record.deafAtMs = plan.deaf.atMs;
    stats.open(record);
    const planned = [
      plan.dropAtMs !== undefined && `drop at ${plan.dropAtMs} ms`,
      plan.stallAtMs !== undefined && `stall at ${plan.stallAtMs} ms`,
      plan.deaf !== undefined && `deaf at ${plan.deaf.atMs} ms`,
      plan.withholdTranscripts && 'no transcripts',
      `cap ${plan.expireAtMs} ms`,
    ].filter(Boolean);
    this.log(`session ${number}: opened on ${admission.path} (${planned.join(', ')})`);
    const latency = randomStream(settings.seed, 'latency', number);
    const [low, high] = settings.latencyMs;
    let resolveClosed!: () => void;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    const connection: Connection = new Connection(socket, {
      record,
      opening: admission.opening,
      plan,
      time,
      stats,
      log: (line) => this.log(line),
      heardOtherSound: () => this.noteOtherSound(),
      ...(settings.record && { received: (pcm: Int16Array) => settings.record?.(number, pcm) }),
      sessionOptions: {
        newId: idMaker(randomStream(settings.seed, 'ids', number)),
        latencyMs: () => uniform(latency, low, high),
        deltas: settings.deltas,
        deployments: settings.deployments,
        transcripts: !plan.withholdTranscripts,
        commitClosesSpeech: settings.faults.commitClosesSpeech ?? true,
        vadDetector: settings.faults.vadDetector ?? 'webrtc',
        vadHearsNothing: settings.faults.vadHearsNothing === true,
        itemFaults: this.itemFaults,
        rejectConfig: settings.faults.rejectConfig,
      },
      onEnd: () => {
        this.connections.delete(connection);
        stats.release();
        resolveClosed();
      },
    });
    this.connections.set(connection, closed);
    return connection;
  }

  // Ends every session at once; resolves when each has seen its socket close.
  async shutdown(): Promise<void> {
    const ends = [...this.connections.values()];
    for (const connection of this.connections.keys()) connection.shutdown();
    await Promise.all(ends);
  }

  // Tokens are remembered by value from their first upgrade; the TTL runs on the unscaled clock,
  // as a real token's expiry runs on the wall clock whatever the emulator's time scale.
  private tokenExpired(token: string): boolean {
    const ttl = this.settings.faults.tokenTtlMs;
    if (ttl === undefined) return false;
    const now = this.time.clock.now();
    const first = this.tokensSeen.get(token);
    if (first === undefined) this.tokensSeen.set(token, now);
    return first !== undefined && now - first >= ttl;
  }

  private refuse(
    path: string,
    status: number,
    message: string | undefined,
    why: string,
    detail: { code?: string; param?: string } = {},
  ): Refusal {
    this.stats.refuse(status);
    this.log(`upgrade ${path} refused ${status}: ${why}`);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const retryAfter = this.settings.faults.retryAfterSec ?? 1;
    if ((status === 429 || status === 503) && retryAfter > 0) headers['retry-after'] = String(retryAfter);
    return { kind: 'refuse', status, body: refusalBody(status, message, detail), headers };
  }
}

export function pathOf(url: string): string {
  return new URL(url, 'http://emulator.invalid').pathname;
}
