// deafAfterError: an error, then audio is ignored while pings and commits are still answered.
import { afterEach, describe, expect, it } from 'vitest';
import { sentenceText, synthesizeCorpus, VOCAB, sentenceSymbols } from '../../src/tonecode/index.js';
import { deafError, planSessionFaults } from '../../src/emulator/faults.js';
import { startInProcessEmulator, VirtualClock, type EmulatorOptions } from '../../src/emulator/index.js';
import { InProcessClient } from '../helpers/in-process-client.js';
import { cap, sessionHarness } from './session-harness.js';

const SERVER_ERROR = {
  type: 'server_error',
  code: 'server_error',
  message: 'The server had an error while processing your request. Sorry about that!',
  param: null,
};

describe('deafAfterError at protocol level', () => {
  it('speech open at the error: the next commit closes it with the audio it had; then commits are empty', () => {
    const h = sessionHarness();
    const corpus = synthesizeCorpus({ count: 4 });
    const cut = Math.round((corpus.sentences[1]!.startSec + 0.5) * 24_000); // 2.5 words into sentence 1
    h.append(corpus.pcm.subarray(0, cut));
    h.session.goDeaf(deafError({}));
    const atError = h.events.length;
    h.append(corpus.pcm.subarray(cut));
    expect(h.events.slice(atError - 1).map((e) => e.type)).toEqual(['error']);
    expect(h.of('error')[0]!.error).toEqual(SERVER_ERROR);

    h.send({ type: 'input_audio_buffer.commit' });
    expect(h.events.slice(atError).map((e) => e.type)).toEqual([
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'conversation.item.added',
      'conversation.item.done',
    ]);
    h.flush();
    const firstWords = sentenceSymbols(1)
      .slice(0, 3)
      .map((k) => VOCAB[k])
      .join(' ');
    expect(h.transcripts()).toEqual([cap(sentenceText(0)), cap(firstWords)]);

    h.send({ type: 'input_audio_buffer.commit', event_id: 'c2' });
    expect(h.events.at(-1)).toMatchObject({
      type: 'error',
      error: {
        code: 'input_audio_buffer_commit_empty',
        message: 'Expected at least 100ms of audio, but buffer only has 0.00ms of audio.',
        event_id: 'c2',
      },
    });
  });

  it('no speech open at the error: nothing more is heard, a commit is empty', () => {
    const h = sessionHarness();
    const corpus = synthesizeCorpus({ count: 3 });
    const cut = Math.round((corpus.sentences[0]!.endSec + 0.8) * 24_000); // in the pause after sentence 0
    h.append(corpus.pcm.subarray(0, cut));
    h.flush();
    h.session.goDeaf(deafError({ error: 'rate_limit_exceeded' }));
    h.append(corpus.pcm.subarray(cut));
    h.send({ type: 'input_audio_buffer.commit' });
    h.flush();
    expect(h.of('error').map((e) => e.error)).toEqual([
      {
        type: 'requests',
        code: 'rate_limit_exceeded',
        message: 'Rate limit reached for requests. Please try again in 20s.',
        param: null,
      },
      expect.objectContaining({ code: 'input_audio_buffer_commit_empty' }),
    ]);
    expect(h.transcripts()).toEqual([cap(sentenceText(0))]);
    expect(h.of('input_audio_buffer.speech_started')).toHaveLength(1);
  });

  it('manual commits: audio appended before the error is committed once, then commits are empty', () => {
    const h = sessionHarness();
    h.manualCommits();
    const corpus = synthesizeCorpus({ count: 2 });
    const cut = Math.round(corpus.sentences[1]!.startSec * 24_000);
    h.append(corpus.pcm.subarray(0, cut));
    h.session.goDeaf(deafError({ error: 'rate_limit_exceeded', retryInSec: 3 }));
    h.append(corpus.pcm.subarray(cut));
    h.send({ type: 'input_audio_buffer.commit' });
    h.send({ type: 'input_audio_buffer.commit' });
    h.flush();
    expect(h.transcripts()).toEqual([cap(sentenceText(0))]);
    expect(h.of('error').map((e) => e.error.message)).toEqual([
      'Rate limit reached for requests. Please try again in 3s.',
      'Expected at least 100ms of audio, but buffer only has 0.00ms of audio.',
    ]);
  });

  it('the time is planned per session, from the seed when it is a range', () => {
    const fixed = { deafAfterError: { afterMs: 5000, sessions: [2] } };
    expect(planSessionFaults(fixed, 1, 0).deaf).toBeUndefined();
    expect(planSessionFaults(fixed, 2, 0).deaf).toEqual({ atMs: 5000, error: SERVER_ERROR });
    const ranged = { deafAfterError: { betweenMs: [10_000, 20_000] as [number, number] } };
    const times = (seed: number) => [1, 2, 3].map((n) => planSessionFaults(ranged, n, seed).deaf!.atMs);
    expect(times(4)).toEqual(times(4));
    expect(times(4)).not.toEqual(times(5));
    for (const t of times(4)) expect(t >= 10_000 && t <= 20_000).toBe(true);
  });
});

describe('deafAfterError in process, on a virtual clock', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });
  function emulator(options: EmulatorOptions) {
    const clock = new VirtualClock();
    const emu = startInProcessEmulator({ key: 'k', seed: 1, clock, latencyMs: [100, 100], ...options });
    cleanup.push(async () => {
      await emu.close();
      clock.dispose();
    });
    return { emu, clock };
  }

  it('goes deaf at its time in the named session only; pings are still answered', async () => {
    const { emu, clock } = emulator({ faults: { deafAfterError: { afterMs: 2000, sessions: [2] } } });
    const healthy = await InProcessClient.open(emu);
    const deaf = await InProcessClient.open(emu, { pingIntervalMs: 1000, pongTimeoutMs: 500 });
    const error = await deaf.waitFor('error');
    expect([error.error.code, clock.now()]).toEqual(['server_error', 2000]);
    const corpus = synthesizeCorpus({ count: 3 }).pcm;
    healthy.appendPcm(corpus);
    deaf.appendPcm(corpus);
    await healthy.waitForCount('conversation.item.input_audio_transcription.completed', 3);
    await clock.sleep(30_000);
    expect(deaf.events.map((e) => e.type)).toEqual(['session.created', 'error']);
    expect(deaf.closeInfo).toBeUndefined();
    deaf.send({ type: 'input_audio_buffer.commit' });
    expect((await deaf.waitFor((e) => e.type === 'error' && e.error.code !== 'server_error')).error.code).toBe(
      'input_audio_buffer_commit_empty',
    );
    expect(emu.stats()).toMatchObject({ deafened: 1, itemsCompleted: 3 });
    expect(emu.stats().sessions.map((s) => s.deafAtMs)).toEqual([undefined, 2000]);
    deaf.transport.close();
    await deaf.closed;
    expect(emu.stats().sessions[1]!.endReason).toBe('deaf');
  });
});
