// `tokenCommand` (`--token-command CMD`): the user's command prints a bearer token, as `az account
// get-access-token` does. Run again when the last token is older than a bound, when its stated
// expiry is near, and once after a 401. Its failure is reported with its exit status and the
// first line of its stderr, never with the token.
import { TranscribeError } from '../errors.js';
import { redact } from '../util/redact.js';
import { stripBearer } from './credential-text.js';
import { runCommand, type CommandResult, type RunCommand } from './run-command.js';
import { cachedToken, type TokenSource } from './token-source.js';

export interface TokenCommandOptions {
  command: string | readonly string[];
  /** Run again when the last token is older than this (default 5 min). */
  maxAgeMs?: number | undefined;
  /** Wall-clock epoch ms (injected by tests). */
  now?: (() => number) | undefined;
  run?: RunCommand | undefined;
  timeoutMs?: number | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

export const DEFAULT_TOKEN_MAX_AGE_MS = 5 * 60_000;
// az can take several seconds on a cold start; a minute means it is waiting for something.
const DEFAULT_TIMEOUT_MS = 60_000;
// A token that expires within this is not used for a new session.
const EXPIRY_MARGIN_MS = 60_000;

interface ParsedToken {
  token: string;
  expiresAtMs?: number | undefined;
}

/**
 * What a token command printed. JSON (the output starts with `{`): the token from `access_token`
 * or `accessToken`, the expiry from `expires_on` (Unix seconds, a number or digits, as az and
 * OAuth print it) or else `expiresOn` when it is a date with an explicit zone (az prints its
 * `expiresOn` in local time without a zone, which is ambiguous, so that form is ignored).
 * Otherwise the first line is the token. Returns an error message instead when there is no token.
 */
export function parseTokenOutput(stdout: string): ParsedToken | { error: string } {
  const text = stdout.trim();
  if (text.startsWith('{')) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { error: 'printed something that starts like JSON but is not JSON' };
    }
    const token =
      typeof json.access_token === 'string'
        ? json.access_token
        : typeof json.accessToken === 'string'
          ? json.accessToken
          : undefined;
    if (token === undefined || token.trim() === '')
      return { error: 'printed JSON without an access_token or accessToken field' };
    return { token: stripBearer(token.trim()), expiresAtMs: expiryOf(json) };
  }
  const first = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (first === '') return { error: 'printed no token' };
  return { token: stripBearer(first) };
}

function expiryOf(json: Record<string, unknown>): number | undefined {
  const seconds = json.expires_on;
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return seconds * 1000;
  if (typeof seconds === 'string' && /^\d+$/.test(seconds.trim())) return Number(seconds) * 1000;
  const date = json.expiresOn;
  if (typeof date === 'string' && /(Z|[+-]\d\d:?\d\d)$/i.test(date.trim())) {
    const ms = Date.parse(date);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}

/** A TokenSource that runs `command`. */
export function tokenCommandSource(o: TokenCommandOptions): TokenSource {
  const run = o.run ?? runCommand;
  const name = commandName(o.command);
  return cachedToken({
    label: 'tokenCommand',
    now: o.now ?? Date.now,
    maxAgeMs: o.maxAgeMs ?? DEFAULT_TOKEN_MAX_AGE_MS,
    expiryMarginMs: EXPIRY_MARGIN_MS,
    fetch: async () => {
      const result = await run(o.command, {
        timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(o.env ? { env: o.env } : {}),
      });
      const parsed = parseTokenOutput(result.stdout);
      // Whatever the command printed may be a token: keep it out of every message.
      const hide = [result.stdout.trim(), 'token' in parsed ? parsed.token : ''];
      if (result.timedOut || result.status !== 0) throw commandFailed(name, result, hide);
      if ('error' in parsed) {
        throw new TranscribeError('AUTH_FAILED', `\`tokenCommand\` (${name}) ${parsed.error}`, {
          hint: 'the command must print the token on its first line, or JSON with access_token; run it yourself to check',
          option: 'tokenCommand',
        });
      }
      if (!/^[\x21-\x7e]+$/.test(parsed.token)) {
        throw new TranscribeError(
          'AUTH_FAILED',
          `\`tokenCommand\` (${name}) printed a token with spaces or non-ASCII characters`,
          {
            hint: 'print only the token on the first line (for az: --query accessToken -o tsv)',
            option: 'tokenCommand',
          },
        );
      }
      return parsed;
    },
  });
}

function commandFailed(name: string, result: CommandResult, hide: string[]): TranscribeError {
  const line = redact(firstLine(result.stderr), hide);
  const how = result.timedOut
    ? 'did not finish in time and was stopped'
    : result.status === null
      ? `was stopped by ${result.signal ?? 'a signal'}`
      : `exited with status ${result.status}`;
  return new TranscribeError('AUTH_FAILED', `\`tokenCommand\` (${name}) ${how}${line ? `: ${line}` : ''}`, {
    hint: 'run the command yourself to see what it needs (for az: az login)',
    option: 'tokenCommand',
  });
}

function firstLine(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

// The program's name only: the rest of a command line may hold a secret of its own.
function commandName(command: string | readonly string[]): string {
  const first = typeof command === 'string' ? (command.trim().split(/\s+/, 1)[0] ?? '') : (command[0] ?? '');
  return first.replace(/^["']|["']$/g, '') || '(empty)';
}
