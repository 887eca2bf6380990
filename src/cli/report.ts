// How errors reach a person: `realtime-transcribe: <what> (<value>)`, then a hint line, and with
// --verbose the cause chain. Exit codes are decided here, in one place.
import { isTranscribeError } from '../index.js';
import type { Paint } from '../terminal/index.js';
import { withFlagNames } from './option-flags.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

export function exitCodeFor(error: unknown): number {
  if (isTranscribeError(error) && error.code === 'USAGE') return EXIT.usage;
  return EXIT.failed;
}

export function formatError(raw: unknown, paint: Paint, verbose: boolean): string {
  const error = withFlagNames(raw);
  const lines: string[] = [];
  const message = error instanceof Error ? error.message : String(error);
  lines.push(`${paint.error('realtime-transcribe:')} ${message}`);
  if (isTranscribeError(error) && error.hint) lines.push(`${paint.dim('hint:')} ${error.hint}`);
  if (verbose) {
    let cause = error instanceof Error ? error.cause : undefined;
    while (cause !== undefined) {
      lines.push(paint.dim(`  caused by: ${cause instanceof Error ? cause.message : String(cause)}`));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    if (!isTranscribeError(error) && error instanceof Error && error.stack) lines.push(paint.dim(error.stack));
  }
  return lines.join('\n') + '\n';
}
