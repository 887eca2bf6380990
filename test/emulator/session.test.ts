import { describe, expect, it } from 'vitest';
import { synthesizeCorpus } from '../../src/tonecode/index.js';
import { sessionHarness } from './session-harness.js';

const harness = (deltas = false) => sessionHarness({ deltas });

describe('ProtocolSession', () => {
  it('gives each item exactly the audio from audio_start_ms to audio_end_ms', () => {
    const h = harness();
    h.append(synthesizeCorpus({ count: 3, leadingSilenceMs: 700 }).pcm);
    h.flush();
    const started = h.of('input_audio_buffer.speech_started');
    const stopped = h.of('input_audio_buffer.speech_stopped');
    const completed = h.of('conversation.item.input_audio_transcription.completed');
    expect(completed).toHaveLength(3);
    completed.forEach((c, i) => {
      expect(c.item_id).toBe(started[i]!.item_id);
      expect(c.usage).toEqual({
        type: 'duration',
        seconds: (stopped[i]!.audio_end_ms - started[i]!.audio_start_ms) / 1000,
      });
    });
    expect(h.session.audioMs()).toBeCloseTo(synthesizeCorpus({ count: 3, leadingSilenceMs: 700 }).pcm.length / 24, 5);
  });

  it('keeps at most a minute of idle silence in VAD mode, so memory does not grow', () => {
    const h = harness();
    for (let i = 0; i < 90; i++) h.append(new Int16Array(24000));
    h.session.receive('{"type":"input_audio_buffer.commit"}');
    h.flush();
    const [done] = h.of('conversation.item.input_audio_transcription.completed');
    expect(done).toMatchObject({ transcript: '', usage: { seconds: 60 } });
  });

  it('after a session.update changing turn detection, the new VAD continues on the same clock', () => {
    const h = harness();
    h.append(new Int16Array(24000)); // 1 s of silence
    h.session.receive(
      JSON.stringify({
        type: 'session.update',
        session: {
          type: 'transcription',
          audio: { input: { turn_detection: { type: 'server_vad', prefix_padding_ms: 0 } } },
        },
      }),
    );
    h.append(synthesizeCorpus({ count: 1 }).pcm);
    const [started] = h.of('input_audio_buffer.speech_started');
    expect(started!.audio_start_ms).toBe(1000);
  });
});
