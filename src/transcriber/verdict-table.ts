// The failure verdict's rules as docs/design.md shows them: one row per rule, in the order they are
// tried, with what each does and why. A test checks docs/design.md holds this text word for word.
import { RULES, type Action, type Happening } from './verdict.js';

/** The rules as a Markdown table (docs/design.md's "What happens when" section is this text). */
export function renderVerdictTable(): string {
  const lines = ['| what happened | what the run does | why |', '|---|---|---|'];
  for (const r of RULES)
    lines.push(
      `| ${KIND_WORDS[r.kind]}: ${r.when} | ${ACTION_WORDS[r.action]}${r.code ? ` (\`${r.code}\`)` : ''} | ${r.why} |`,
    );
  return lines.join('\n');
}

const KIND_WORDS: Record<Happening['kind'], string> = {
  close: 'socket closed',
  error: '`error` event',
  upgrade: 'upgrade refused',
  'item-failed': 'item failed',
  stall: 'stalled',
  attempts: 'attempts',
};

const ACTION_WORDS: Record<Action, string> = {
  'go-on': 'goes on',
  resume: 'resumes from the acknowledged offset',
  replace:
    'resumes from the acknowledged offset in a new session; the late one keeps draining, and a transcript of its audio not yet covered is used (once)',
  retry: 'retries after a backoff',
  resend: "re-sends the item's audio in a fresh session",
  'give-up-item': 'records the span as not transcribed, goes on',
  fail: 'stops',
};
