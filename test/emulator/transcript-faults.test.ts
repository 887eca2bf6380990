// withholdTranscripts and failItem: speech events with no transcript, and an item that fails.
import { afterEach, describe, expect, it } from 'vitest';
import { sentenceText, synthesizeCorpus } from '../../src/tonecode/index.js';
import { ItemFaults } from '../../src/emulator/item-faults.js';
import { startInProcessEmulator, VirtualClock } from '../../src/emulator/index.js';
import { InProcessClient } from '../helpers/in-process-client.js';
import { cap, sessionHarness } from './session-harness.js';

const FAILED = 'conversation.item.input_audio_transcription.failed';

describe('withholdTranscripts at protocol level', () => {
  it('speech events, commits and items as usual, never a transcription event', () => {
    const h = sessionHarness({ transcripts: false, deltas: true });
    h.append(synthesizeCorpus({ count: 3 }).pcm);
    h.flush();
    const types = new Set(h.events.map((e) => e.type));
    expect([...types].sort()).toEqual([
      'conversation.item.added',
      'conversation.item.done',
      'input_audio_buffer.committed',
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'session.created',
    ]);
    expect(h.of('input_audio_buffer.committed')).toHaveLength(3);
  });
});

describe('failItem at protocol level', () => {
  it('fails the item holding the sentence the first time; a re-send in another session succeeds', () => {
    const faults = new ItemFaults({ sentence: 2 });
    const first = sessionHarness({ itemFaults: faults });
    first.append(synthesizeCorpus({ count: 4 }).pcm);
    first.flush();
    const committed = first.of('input_audio_buffer.committed').map((e) => e.item_id);
    expect(first.of(FAILED)).toEqual([
      {
        type: FAILED,
        event_id: expect.any(String),
        item_id: committed[2],
        content_index: 0,
        error: {
          type: 'server_error',
          code: null,
          message: `Input transcription failed for item '${committed[2]}'.`,
          param: null,
        },
      },
    ]);
    expect(first.transcripts()).toEqual([0, 1, 3].map((i) => cap(sentenceText(i))));

    const resend = sessionHarness({ itemFaults: faults });
    resend.append(synthesizeCorpus({ first: 2, count: 2 }).pcm);
    resend.flush();
    expect(resend.of(FAILED)).toHaveLength(0);
    expect(resend.transcripts()).toEqual([2, 3].map((i) => cap(sentenceText(i))));
  });

  it('times: 2 fails it again on the first re-send, also inside a longer item', () => {
    const faults = new ItemFaults({ sentence: 1, times: 2 });
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const h = sessionHarness({ itemFaults: faults });
      h.manualCommits();
      h.append(synthesizeCorpus({ count: 3 }).pcm); // one item holding sentences 0, 1 and 2
      h.send({ type: 'input_audio_buffer.commit' });
      h.flush();
      outcomes.push(h.of(FAILED).length > 0 ? 'failed' : h.transcripts()[0]!.split(' ').length + ' words');
    }
    expect(outcomes).toEqual([
      'failed',
      'failed',
      `${sentenceText(0).split(' ').length + sentenceText(1).split(' ').length + sentenceText(2).split(' ').length} words`,
    ]);
  });

  it('item: the n-th item committed over all sessions fails, once', () => {
    const faults = new ItemFaults({ item: 3 });
    const a = sessionHarness({ itemFaults: faults });
    a.append(synthesizeCorpus({ count: 2 }).pcm);
    a.flush();
    const b = sessionHarness({ itemFaults: faults });
    b.append(synthesizeCorpus({ first: 2, count: 2 }).pcm);
    b.flush();
    expect([a.of(FAILED).length, b.of(FAILED).length]).toEqual([0, 1]);
    expect(b.of(FAILED)[0]!.item_id).toBe(b.of('input_audio_buffer.committed')[0]!.item_id);
    expect(b.transcripts()).toEqual([cap(sentenceText(3))]);
  });
});

describe('transcript faults in process', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it('withholdTranscripts for one session; failItem counted across sessions', async () => {
    const clock = new VirtualClock();
    const emu = startInProcessEmulator({
      clock,
      seed: 1,
      faults: { withholdTranscripts: { sessions: [1] }, failItem: { sentence: 1 } },
    });
    cleanup.push(async () => {
      await emu.close();
      clock.dispose();
    });
    const silent = await InProcessClient.open(emu);
    silent.appendPcm(synthesizeCorpus({ count: 3 }).pcm);
    await silent.waitForCount('input_audio_buffer.committed', 3);
    await clock.sleep(10_000);
    expect(silent.of('conversation.item.input_audio_transcription.completed')).toHaveLength(0);
    expect(silent.of(FAILED)).toHaveLength(0);

    const next = await InProcessClient.open(emu);
    next.appendPcm(synthesizeCorpus({ count: 3 }).pcm);
    await next.waitForCount('input_audio_buffer.committed', 3);
    await next.waitFor(FAILED);
    await next.waitForCount('conversation.item.input_audio_transcription.completed', 2);
    expect(next.transcriptInOrder()).toEqual([cap(sentenceText(0)), '', cap(sentenceText(2))]);
    expect(emu.stats()).toMatchObject({ itemsCommitted: 6, itemsCompleted: 2, itemsFailed: 1 });
  });
});
