// The emulator's limits at the protocol-session level: each is answered with an `error` shaped as
// the service's, and the refused event changes nothing (the buffer does not grow, the
// configuration is not stored or echoed).
import { describe, expect, it } from 'vitest';
import { MAX_BUFFER_SAMPLES } from '../../src/emulator/limits.js';
import { base64 } from './client.js';
import { sessionHarness } from './session-harness.js';

const MIB_SAMPLES = (1024 * 1024) / 2;
const update = (transcription: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'session.update',
  event_id: 'evt_cfg',
  session: { type: 'transcription', audio: { input: { transcription } }, ...extra },
});

function tone(samples: number): Int16Array {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24000));
  return pcm;
}

describe('uncommitted audio', () => {
  it('is capped at 15 MiB: the append past it is refused whole, and a commit makes room again', () => {
    const h = sessionHarness();
    h.manualCommits();
    const mib = base64(new Int16Array(MIB_SAMPLES));
    for (let i = 0; i < 15; i++) h.send({ type: 'input_audio_buffer.append', audio: mib });
    expect(h.of('error')).toEqual([]);
    h.send({ type: 'input_audio_buffer.append', event_id: 'evt_over', audio: base64(new Int16Array(960)) });
    expect(h.of('error').map((e) => e.error)).toEqual([
      {
        type: 'invalid_request_error',
        code: 'input_audio_buffer_full',
        message:
          'The input audio buffer holds at most 15 MiB (327.68 s) of uncommitted audio: commit or clear it before appending more.',
        param: 'audio',
        event_id: 'evt_over',
      },
    ]);
    expect(h.session.audioMs()).toBe(327_680); // the refused append was not kept
    h.send({ type: 'input_audio_buffer.commit' });
    h.flush();
    expect(h.of('conversation.item.input_audio_transcription.completed')[0]?.usage).toEqual({
      type: 'duration',
      seconds: 327.68,
    });
    h.send({ type: 'input_audio_buffer.append', audio: base64(new Int16Array(960)) });
    expect(h.of('error')).toHaveLength(1);
  });

  it('is capped in VAD mode too, while speech goes on without a pause', () => {
    const h = sessionHarness();
    const second = base64(tone(24_000));
    // 330 s of tone: 327 whole seconds fit under the 327.68 s cap, the last three do not.
    for (let s = 0; s < 330; s++) h.send({ type: 'input_audio_buffer.append', audio: second });
    expect(h.of('input_audio_buffer.speech_started')).toHaveLength(1);
    expect(h.of('error').map((e) => e.error.code)).toEqual(Array(3).fill('input_audio_buffer_full'));
    expect(h.session.audioMs()).toBe(327_000);
  });

  it('a clear makes room again', () => {
    const h = sessionHarness();
    h.manualCommits();
    h.send({ type: 'input_audio_buffer.append', audio: base64(new Int16Array(MAX_BUFFER_SAMPLES)) });
    h.send({ type: 'input_audio_buffer.clear' });
    h.send({ type: 'input_audio_buffer.append', audio: base64(new Int16Array(960)) });
    expect(h.of('error')).toEqual([]);
  });
});

describe('configuration lengths', () => {
  const cases: [string, Record<string, unknown>, string, number, number][] = [
    ['prompt', { prompt: 'p'.repeat(2 * 1024 * 1024) }, 'session.audio.input.transcription.prompt', 1024, 2_097_152],
    ['model', { model: 'm'.repeat(100_000) }, 'session.audio.input.transcription.model', 64, 100_000],
    ['language', { language: 'l'.repeat(36) }, 'session.audio.input.transcription.language', 35, 36],
  ];
  for (const [name, transcription, param, max, length] of cases) {
    it(`a ${name} longer than ${max} characters is refused and not stored`, () => {
      const h = sessionHarness();
      h.send(update(transcription));
      expect(h.of('error').map((e) => e.error)).toEqual([
        {
          type: 'invalid_request_error',
          code: 'string_above_max_length',
          message: `Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${length} instead.`,
          param,
          event_id: 'evt_cfg',
        },
      ]);
      const updated = () => h.events.filter((e) => (e as { type: string }).type === 'session.updated');
      expect(updated()).toEqual([]);
      h.send(update({}));
      expect(updated()).toHaveLength(1);
      expect(JSON.stringify(updated())).not.toContain(String(transcription[name]).slice(0, max + 1));
    });
  }

  it('values at the limits are accepted and echoed', () => {
    const h = sessionHarness();
    const at = { prompt: 'p'.repeat(1024), model: 'm'.repeat(64), language: 'l'.repeat(35) };
    h.send(update(at, { include: Array.from({ length: 16 }, () => 'i'.repeat(128)) }));
    expect(h.of('error')).toEqual([]);
    const updated = h.events.filter((e) => (e as { type: string }).type === 'session.updated');
    expect(updated).toMatchObject([{ session: { audio: { input: { transcription: at } } } }]);
  });

  it('an include list of more than 16 entries, or an entry over 128 characters, is refused', () => {
    const h = sessionHarness();
    h.send(update({}, { include: Array.from({ length: 100_000 }, () => 'item.input_audio_transcription.logprobs') }));
    h.send(update({}, { include: ['x'.repeat(129)] }));
    expect(h.of('error').map((e) => e.error)).toEqual([
      {
        type: 'invalid_request_error',
        code: 'array_above_max_length',
        message:
          "Invalid 'session.include': array too long. Expected an array with maximum length 16, but got an array with length 100000 instead.",
        param: 'session.include',
        event_id: 'evt_cfg',
      },
      {
        type: 'invalid_request_error',
        code: 'string_above_max_length',
        message:
          "Invalid 'session.include[0]': string too long. Expected a string with maximum length 128, but got a string with length 129 instead.",
        param: 'session.include[0]',
        event_id: 'evt_cfg',
      },
    ]);
    expect(h.events.filter((e) => (e as { type: string }).type === 'session.updated')).toEqual([]);
  });

  it('a huge invalid value is not echoed back whole', () => {
    const h = sessionHarness();
    h.send({
      type: 'session.update',
      session: { type: 'transcription', audio: { input: { turn_detection: { type: 'v'.repeat(100_000) } } } },
    });
    h.send({ type: 'x'.repeat(100_000) });
    const messages = h.of('error').map((e) => e.error.message);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m.length).toBeLessThan(200);
    expect(messages[1]).toBe(`Unknown event type '${'x'.repeat(64)}…'.`);
  });
});
