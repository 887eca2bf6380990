// Every kind of event the emulator sends, as sent (the JSON itself), type-checked against the
// official `openai` package's RealtimeServerEvent. Where the real service sends null for a field
// the SDK marks optional (an item's transcript before it is known, an error's code on a
// server_error: spec/realtime-protocol.md), null is allowed; the session's `id` and `object`, which
// the service sends and the SDK's session type (a request type) lacks, are left out of the check.
// Any other difference fails, unknown fields included.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deafError } from '../../src/emulator/faults.js';
import { ItemFaults } from '../../src/emulator/item-faults.js';
import type { OutgoingEvent } from '../../src/emulator/session.js';
import { synthesizeCorpus } from '../../src/tonecode/index.js';
import { sessionHarness } from './session-harness.js';

const run = promisify(execFile);

// One session that says everything it can say.
function everyEvent(): OutgoingEvent[] {
  const h = sessionHarness({ deltas: true, itemFaults: new ItemFaults({ sentence: 1 }) });
  h.send({
    type: 'session.update',
    event_id: 'u1',
    session: {
      type: 'transcription',
      include: ['item.input_audio_transcription.logprobs'],
      audio: {
        input: { transcription: { model: 'emulator', language: 'en' }, noise_reduction: { type: 'near_field' } },
      },
    },
  });
  h.append(synthesizeCorpus({ count: 2 }).pcm);
  h.send({ type: 'input_audio_buffer.clear' });
  h.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
  h.send({ type: 'session.update', session: { type: 'realtime' } });
  h.send({ type: 'nonsense' });
  h.session.goDeaf(deafError({ error: 'rate_limit_exceeded' }));
  h.flush();
  h.session.expire(1_800_000);
  const wrongDeployment = sessionHarness({ deployments: ['other'] });
  wrongDeployment.append(synthesizeCorpus({ count: 1 }).pcm);
  wrongDeployment.flush();
  const beta = sessionHarness();
  beta.send({ type: 'transcription_session.update', session: {} });
  return [
    ...h.events,
    ...wrongDeployment.of('conversation.item.input_audio_transcription.failed'),
    ...beta.of('error'),
  ];
}

describe('emulator events against the openai SDK types', () => {
  it('every kind of event the emulator sends is a RealtimeServerEvent', async () => {
    const events = everyEvent();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'session.created',
        'session.updated',
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'input_audio_buffer.cleared',
        'conversation.item.added',
        'conversation.item.done',
        'conversation.item.input_audio_transcription.delta',
        'conversation.item.input_audio_transcription.completed',
        'conversation.item.input_audio_transcription.failed',
        'error',
      ]),
    );
    const checked = events.map((e) => {
      if (!('session' in e)) return e;
      const { id: _id, object: _object, ...session } = e.session as Record<string, unknown>;
      return { ...e, session };
    });
    // Inside node_modules, so that `openai` resolves from the generated file.
    const require = createRequire(import.meta.url);
    const cache = join(process.cwd(), 'node_modules', '.cache');
    await mkdir(cache, { recursive: true });
    const dir = await mkdtemp(join(cache, 'rt-sdk-types-'));
    try {
      const file = join(dir, 'events.ts');
      await writeFile(
        file,
        [
          "import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';",
          'type Loose<T> = T extends readonly (infer U)[] ? Loose<U>[] : T extends object',
          '  ? { [K in keyof T]: undefined extends T[K] ? Loose<Exclude<T[K], undefined>> | null | undefined : Loose<T[K]> }',
          '  : T;',
          `export const events: Loose<RealtimeServerEvent>[] = ${JSON.stringify(checked, null, 2)};`,
          '',
        ].join('\n'),
      );
      const tsc = require.resolve('typescript/bin/tsc');
      const args = [
        tsc,
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--skipLibCheck',
        file,
      ];
      const result = await run(process.execPath, args, { timeout: 120_000 }).then(
        () => '',
        (err: { stdout?: string }) => err.stdout ?? String(err),
      );
      expect(result).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
