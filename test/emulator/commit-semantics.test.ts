// commitClosesSpeech: what a client commit does while the server VAD has speech open.
import { describe, expect, it } from 'vitest';
import { sentenceSymbols, synthesizeCorpus, VOCAB } from '../../src/tonecode/index.js';
import { cap, sessionHarness } from './session-harness.js';

const words = (i: number) => sentenceSymbols(i).map((k) => VOCAB[k]!);

// Sentence 0, with a client commit in the gap after its fourth word, then the rest.
function commitMidSentence(commitClosesSpeech: boolean | undefined) {
  const h = sessionHarness(commitClosesSpeech === undefined ? {} : { commitClosesSpeech });
  const corpus = synthesizeCorpus({ count: 1, leadingSilenceMs: 1000 });
  const cut = Math.round((corpus.sentences[0]!.startSec + 0.76) * 24_000);
  h.append(corpus.pcm.subarray(0, cut));
  h.send({ type: 'input_audio_buffer.commit' });
  h.append(corpus.pcm.subarray(cut));
  h.flush();
  const started = h.of('input_audio_buffer.speech_started').map((e) => e.item_id);
  const stopped = h.of('input_audio_buffer.speech_stopped').map((e) => e.item_id);
  const committed = h.of('input_audio_buffer.committed').map((e) => [e.item_id, e.previous_item_id]);
  const usage = h
    .of('conversation.item.input_audio_transcription.completed')
    .map((e) => (e.usage as { seconds: number }).seconds);
  return { h, started, stopped, committed, usage, cutSec: cut / 24_000 };
}

const expectedTexts = [cap(words(0).slice(0, 4).join(' ')), cap(words(0).slice(4).join(' '))];

describe('commitClosesSpeech', () => {
  it('true (the default): the commit ends the open speech item there; the rest is a new turn', () => {
    const { h, started, stopped, committed } = commitMidSentence(undefined);
    expect(started).toHaveLength(2);
    expect(stopped).toEqual(started);
    expect(committed).toEqual([
      [started[0], null],
      [started[1], started[0]],
    ]);
    expect(h.transcripts()).toEqual(expectedTexts);
  });

  it('false: the commit makes a new item of the audio so far; the open item goes on from there', () => {
    const { h, started, stopped, committed, usage, cutSec } = commitMidSentence(false);
    expect(started).toHaveLength(1);
    const [manual] = committed[0]!;
    expect(manual).not.toBe(started[0]);
    expect(committed).toEqual([
      [manual, null],
      [started[0], manual],
    ]);
    expect(stopped).toEqual([started[0]]);
    expect(h.transcripts()).toEqual(expectedTexts);
    // The commit took everything buffered since the session began (the leading silence too).
    expect(usage[0]).toBeCloseTo(cutSec, 3);
    const end = h.of('input_audio_buffer.speech_stopped')[0]!.audio_end_ms / 1000;
    expect(usage[1]).toBeCloseTo(end - cutSec, 2);
  });
});
