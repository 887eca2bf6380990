import { afterEach, describe, expect, it } from 'vitest';
import { checkTranscript, formatCheckReport, sentenceText, synthesizeCorpus } from '../../src/tonecode/index.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { TestClient, base64, refusal, type Received } from './client.js';

const KEY = 'test-key';
const running: RunningEmulator[] = [];
const clients: TestClient[] = [];

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const e = await startEmulator({ key: KEY, timeScale: 100, seed: 1, ...options });
  running.push(e);
  return e;
}

async function connect(
  e: RunningEmulator,
  options: Parameters<typeof TestClient.connect>[1] = {},
): Promise<TestClient> {
  const client = await TestClient.connect(e.url, { key: KEY, ...options });
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await Promise.all(running.splice(0).map((e) => e.close()));
});

// Transcripts in the order of the committed chain (previous_item_id), whatever order they came in.
function transcriptInOrder(client: TestClient): string[] {
  const next = new Map<string | null, string>();
  for (const c of client.of('input_audio_buffer.committed')) next.set(c.previous_item_id, c.item_id);
  const text = new Map(
    client.of('conversation.item.input_audio_transcription.completed').map((c) => [c.item_id, c.transcript]),
  );
  const out: string[] = [];
  for (let id = next.get(null); id !== undefined; id = next.get(id)) out.push(text.get(id) ?? '');
  return out;
}

const cap = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;

describe('emulator: upgrade and auth', () => {
  it('accepts the key as api-key or Bearer on the Azure path, and Bearer on the OpenAI path', async () => {
    const e = await emulator();
    expect(e.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const headers of [{ 'api-key': KEY }, { authorization: `Bearer ${KEY}` }] as Record<string, string>[]) {
      const client = await connect(e, { headers });
      expect((await client.waitFor('session.created')).session.id).toMatch(/^sess_/);
    }
    const openai = await connect(e, { path: '/v1/realtime' });
    await openai.waitFor('session.created');
    expect(e.stats().sessions.map((s) => s.path)).toEqual([
      '/openai/v1/realtime',
      '/openai/v1/realtime',
      '/v1/realtime',
    ]);
  });

  it('refuses a missing or wrong key with 401 and a JSON error', async () => {
    const e = await emulator();
    const missing = await refusal(e.url, {});
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error' });
    expect(missing.body.error.message).toContain("'api-key'");
    expect((await refusal(e.url, { key: 'nope' })).status).toBe(401);
    // OpenAI takes Bearer only.
    expect((await refusal(e.url, { path: '/v1/realtime', headers: { 'api-key': KEY } })).status).toBe(401);
    expect(e.stats().refused).toEqual({ 401: 3 });
  });

  it('answers api-version on /openai/v1 with 400 about api-version (not a key error), and unknown paths with 404', async () => {
    const e = await emulator();
    const versioned = await refusal(e.url, { key: KEY, query: 'api-version=2025-04-01-preview&deployment=x' });
    expect(versioned.status).toBe(400);
    expect(versioned.body.error).toEqual({
      type: 'invalid_request_error',
      code: 'unsupported_api_version',
      param: 'api-version',
      message:
        "The api-version query parameter is not supported on /openai/v1/realtime (got '2025-04-01-preview'): remove it; the v1 API is not versioned by date.",
    });
    const preview = await refusal(e.url, { key: KEY, path: '/openai/realtime' });
    expect(preview.status).toBe(404);
    expect(preview.body.error.code).toBe('not_found');
  });

  it('rejects a model parameter on the OpenAI path: invalid_model, then close 1008', async () => {
    const e = await emulator();
    const client = await connect(e, { path: '/v1/realtime', query: 'intent=transcription&model=gpt-4o-transcribe' });
    const error = await client.waitFor('error');
    expect(error.error).toMatchObject({
      code: 'invalid_model',
      message: 'You must not provide a model parameter for transcription sessions.',
    });
    expect(await client.closed).toEqual({ code: 1008, reason: 'invalid_model' });
    expect(client.of('session.created')).toEqual([]);
  });

  it('answers the retired beta shape with beta_api_shape_disabled and close 4000', async () => {
    const e = await emulator();
    const byHeader = await connect(e, { headers: { 'api-key': KEY, 'OpenAI-Beta': 'realtime=v1' } });
    const byEvent = await connect(e);
    await byEvent.waitFor('session.created');
    byEvent.send({ type: 'transcription_session.update', session: { input_audio_format: 'pcm16' } });
    for (const client of [byHeader, byEvent]) {
      const error = await client.waitFor('error');
      expect(error.error).toMatchObject({
        code: 'beta_api_shape_disabled',
        message: 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.',
      });
      expect((await client.closed).code).toBe(4000);
    }
    await expect.poll(() => e.stats().sessions.map((s) => s.endReason)).toEqual(['beta-shape', 'beta-shape']);
  });
});

describe('emulator: session events', () => {
  it('answers session.update with session.updated, and bad values with an error that keeps the session', async () => {
    const e = await emulator();
    const client = await connect(e);
    await client.waitFor('session.created');
    client.send({
      type: 'session.update',
      event_id: 'evt_1',
      session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcm', rate: 16000 } } } },
    });
    const error = await client.waitFor('error');
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'session.audio.input.format.rate',
      event_id: 'evt_1',
    });
    client.configure({ type: 'server_vad', threshold: 0.6, prefix_padding_ms: 200, silence_duration_ms: 400 });
    const updated = await client.waitFor('session.updated');
    expect(updated.session.audio.input).toMatchObject({
      format: { type: 'audio/pcm', rate: 24000 },
      transcription: { model: 'emulator' },
      turn_detection: { type: 'server_vad', threshold: 0.6, prefix_padding_ms: 200, silence_duration_ms: 400 },
    });
    expect(updated.session.id).toBe(client.of('session.created')[0]!.session.id);
  });

  it('answers unknown events, bad JSON, bad base64 and oversized appends with errors, and stays open', async () => {
    const e = await emulator();
    const client = await connect(e);
    await client.waitFor('session.created');
    client.send({ type: 'response.create', event_id: 'x1' });
    client.ws.send('{not json');
    client.send({ type: 'input_audio_buffer.append', audio: '!!!notbase64' });
    client.send({ type: 'input_audio_buffer.append', audio: base64(new Int16Array(8 * 1024 * 1024 + 1)) });
    const errors = await client.waitForCount('error', 4);
    expect(errors.map((x) => x.error.code)).toEqual([
      'unknown_event',
      'invalid_json',
      'invalid_value',
      'invalid_value',
    ]);
    expect(errors[0]!.error.event_id).toBe('x1');
    expect(errors[3]!.error.message).toContain('15 MiB');
    client.send({ type: 'input_audio_buffer.clear' });
    await client.waitFor('input_audio_buffer.cleared');
  });

  it('transcribes a corpus streamed fast under server VAD: every sentence once, in order', async () => {
    const e = await emulator({ latencyMs: [100, 400] });
    const client = await connect(e);
    client.configure({ type: 'server_vad' });
    await client.waitFor('session.updated');
    const corpus = synthesizeCorpus({ count: 8, leadingSilenceMs: 500 });
    client.appendPcm(corpus.pcm, 40);
    const completed = await client.waitForCount('conversation.item.input_audio_transcription.completed', 8);

    const report = checkTranscript(transcriptInOrder(client), { count: 8 });
    expect(report.ok, formatCheckReport(report)).toBe(true);
    expect(transcriptInOrder(client)).toEqual(corpus.sentences.map((s) => cap(s.text)));

    // Each turn: started, stopped, committed, added, done; VAD times on the appended audio's clock.
    const started = client.of('input_audio_buffer.speech_started');
    const stopped = client.of('input_audio_buffer.speech_stopped');
    corpus.sentences.forEach((s, i) => {
      expect(started[i]!.audio_start_ms).toBeCloseTo(s.startSec * 1000 - 300, -1);
      expect(stopped[i]!.audio_end_ms).toBeCloseTo(s.endSec * 1000 + 500, -1);
      expect(stopped[i]!.item_id).toBe(started[i]!.item_id);
    });
    const committed = client.of('input_audio_buffer.committed');
    expect(committed[0]!.previous_item_id).toBeNull();
    expect(committed.slice(1).map((c) => c.previous_item_id)).toEqual(committed.slice(0, -1).map((c) => c.item_id));
    const firstItem = started[0]!.item_id;
    const order = client.events.filter((x) => x.item_id === firstItem || x.item?.id === firstItem).map((x) => x.type);
    expect(order).toEqual([
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'conversation.item.added',
      'conversation.item.done',
      ...Array(sentenceText(0).split(' ').length).fill('conversation.item.input_audio_transcription.delta'),
      'conversation.item.input_audio_transcription.completed',
    ]);
    const c0 = completed.find((c) => c.item_id === firstItem)!;
    expect(c0).toMatchObject({ content_index: 0, usage: { type: 'duration' } });
    const deltas = client
      .of('conversation.item.input_audio_transcription.delta')
      .filter((d) => d.item_id === firstItem);
    expect(deltas.map((d) => d.delta).join('')).toBe(c0.transcript);
    expect(e.stats()).toMatchObject({ itemsCommitted: 8, itemsCompleted: 8 });
  });

  it('completes items out of order when latencies differ', async () => {
    const e = await emulator({ timeScale: 10, latencyMs: [0, 4000], deltas: false });
    const client = await connect(e);
    const corpus = synthesizeCorpus({ count: 10, pauseMs: 800 });
    client.appendPcm(corpus.pcm, 40);
    await client.waitForCount('conversation.item.input_audio_transcription.completed', 10);
    const commitOrder = client.of('input_audio_buffer.committed').map((c) => c.item_id);
    const doneOrder = client.of('conversation.item.input_audio_transcription.completed').map((c) => c.item_id);
    expect(doneOrder).not.toEqual(commitOrder);
    expect([...doneOrder].sort()).toEqual([...commitOrder].sort());
    expect(client.of('conversation.item.input_audio_transcription.delta')).toEqual([]);
    expect(checkTranscript(transcriptInOrder(client), { count: 10 }).ok).toBe(true);
  });

  it('with turn_detection null, commits on request only; too little audio gives commit_empty', async () => {
    const e = await emulator();
    const client = await connect(e);
    client.configure(null);
    await client.waitFor('session.updated');
    client.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
    const empty = await client.waitFor('error');
    expect(empty.error).toMatchObject({ code: 'input_audio_buffer_commit_empty', event_id: 'c1' });
    expect(empty.error.message).toMatch(/^Expected at least 100ms of audio/);

    client.appendPcm(new Int16Array(24 * 50));
    client.send({ type: 'input_audio_buffer.commit' });
    await client.waitForCount('error', 2);

    const two = synthesizeCorpus({ first: 5, count: 2 });
    client.appendPcm(two.pcm);
    client.send({ type: 'input_audio_buffer.commit' });
    const done = await client.waitFor('conversation.item.input_audio_transcription.completed');
    // No VAD: both sentences (and the 50 ms before them) are one item.
    expect(done.transcript).toBe(cap(`${sentenceText(5)} ${sentenceText(6)}`));
    expect(done.usage.seconds).toBeCloseTo(two.pcm.length / 24000 + 0.05, 2);
    expect(client.of('input_audio_buffer.speech_started')).toEqual([]);
  });

  it('clear drops uncommitted audio', async () => {
    const e = await emulator();
    const client = await connect(e);
    client.configure(null);
    client.appendPcm(synthesizeCorpus({ first: 1, count: 1 }).pcm);
    client.send({ type: 'input_audio_buffer.clear' });
    await client.waitFor('input_audio_buffer.cleared');
    client.send({ type: 'input_audio_buffer.commit' });
    expect((await client.waitFor('error')).error.code).toBe('input_audio_buffer_commit_empty');
    client.appendPcm(synthesizeCorpus({ first: 2, count: 1 }).pcm);
    client.send({ type: 'input_audio_buffer.commit' });
    expect((await client.waitFor('conversation.item.input_audio_transcription.completed')).transcript).toBe(
      cap(sentenceText(2)),
    );
  });

  it('in server VAD mode, a commit ends the speech in progress and commits it', async () => {
    const e = await emulator();
    const client = await connect(e);
    const sentence = synthesizeCorpus({ count: 1 }).pcm;
    // The first three words (600 ms) and a little of the gap: speech is still in progress.
    client.appendPcm(sentence.subarray(0, 24 * 640));
    const started = await client.waitFor('input_audio_buffer.speech_started');
    client.send({ type: 'input_audio_buffer.commit' });
    const stopped = await client.waitFor('input_audio_buffer.speech_stopped');
    expect(stopped).toMatchObject({ item_id: started.item_id, audio_end_ms: 640 });
    const committed = await client.waitFor('input_audio_buffer.committed');
    expect(committed.item_id).toBe(started.item_id);
    const done = await client.waitFor('conversation.item.input_audio_transcription.completed');
    expect(done.transcript).toBe(cap(sentenceText(0).split(' ').slice(0, 3).join(' ')));
  });

  it('fails items per item when the model is not a known deployment', async () => {
    const e = await emulator({ deployments: ['my-deployment'] });
    const wrong = await connect(e);
    const right = await connect(e);
    wrong.configure({ type: 'server_vad' }, 'gpt-4o-transcribe');
    right.configure({ type: 'server_vad' }, 'my-deployment');
    const pcm = synthesizeCorpus({ count: 2 }).pcm;
    for (const client of [wrong, right]) client.appendPcm(pcm);
    const failed = await wrong.waitForCount('conversation.item.input_audio_transcription.failed', 2);
    expect(failed[0]!.error.message).toMatch(/^Input transcription failed for item 'item_\w+'/);
    expect(failed[0]!.error.message).toContain("'gpt-4o-transcribe'");
    expect(wrong.of('conversation.item.input_audio_transcription.completed')).toEqual([]);
    const done = await right.waitForCount('conversation.item.input_audio_transcription.completed', 2);
    expect(done.map((d: Received) => d.transcript).sort()).toEqual([cap(sentenceText(0)), cap(sentenceText(1))].sort());
    expect(e.stats().itemsFailed).toBe(2);
  });
});
