import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_VAD, resolveModelSettings } from '../../src/realtime/models.js';

describe('the table, as resolveModelSettings reads it', () => {
  it.each<[string, null | 'server_vad', boolean]>([
    ['whisper-1', 'server_vad', true],
    ['gpt-4o-mini-transcribe', 'server_vad', true],
    ['gpt-4o-mini-transcribe-2025-12-15', 'server_vad', true],
    ['gpt-4o-transcribe', 'server_vad', true],
    ['gpt-4o-transcribe-diarize', 'server_vad', false],
    ['gpt-transcribe', 'server_vad', true],
    ['gpt-live-transcribe', null, true],
    ['gpt-realtime-whisper', null, false],
    ['GPT-Realtime-Whisper', null, false],
  ])('%s: turn detection %s, prompt %s', (model, vad, prompt) => {
    const s = resolveModelSettings({ provider: 'openai', transcriptionModel: model, prompt: 'p' });
    expect(s.model).toBeDefined();
    expect(s.turnDetection === null ? null : s.turnDetection.type).toBe(vad);
    expect(s.prompt !== undefined).toBe(prompt);
  });

  it('gives an unknown model the general default', () => {
    const s = resolveModelSettings({ provider: 'openai', transcriptionModel: 'my-transcribe-deployment', prompt: 'p' });
    expect(s).toEqual({
      model: undefined,
      turnDetection: DEFAULT_SERVER_VAD,
      prompt: 'p',
      warnings: [],
      refused: undefined,
    });
  });
});

describe('resolveModelSettings', () => {
  const vad = { type: 'server_vad' as const, threshold: 0.7, prefix_padding_ms: 300, silence_duration_ms: 800 };

  it('OpenAI: follows the model when the user chose nothing', () => {
    expect(
      resolveModelSettings({ provider: 'openai', transcriptionModel: 'gpt-realtime-whisper', prompt: 'ACME, Zorg' }),
    ).toEqual({
      model: { name: 'gpt-realtime-whisper', turnDetection: 'none', supportsPrompt: false, takes: ['delay'] },
      turnDetection: null,
      prompt: undefined,
      warnings: ['`prompt` ignored: gpt-realtime-whisper takes no prompt'],
      refused: undefined,
    });
    const s = resolveModelSettings({
      provider: 'openai',
      transcriptionModel: 'gpt-4o-transcribe',
      prompt: 'ACME',
      serverVad: vad,
    });
    expect(s.turnDetection).toEqual(vad);
    expect(s.prompt).toBe('ACME');
    expect(s.warnings).toEqual([]);
  });

  it('lets an explicit turn detection win, warning when the model needs none', () => {
    const s = resolveModelSettings({
      provider: 'openai',
      transcriptionModel: 'gpt-live-transcribe',
      turnDetection: { type: 'semantic_vad', eagerness: 'auto' },
    });
    expect(s.turnDetection).toEqual({ type: 'semantic_vad', eagerness: 'auto' });
    expect(s.warnings).toEqual([
      'gpt-live-transcribe expects `turnDetection: null`; the service may reject semantic_vad',
    ]);
    const none = resolveModelSettings({
      provider: 'openai',
      transcriptionModel: 'gpt-4o-transcribe',
      turnDetection: null,
    });
    expect(none.turnDetection).toBeNull();
    expect(none.warnings).toEqual([]);
  });

  it('Azure: --model names what the deployment runs; the deployment name is not looked at then', () => {
    const s = resolveModelSettings({
      provider: 'azure',
      transcriptionModel: 'transcribe-prod',
      model: 'gpt-live-transcribe',
    });
    expect(s.model?.name).toBe('gpt-live-transcribe');
    expect(s.turnDetection).toBeNull();
  });

  it('Azure: a deployment named exactly like a model is that model', () => {
    expect(
      resolveModelSettings({ provider: 'azure', transcriptionModel: 'gpt-realtime-whisper' }).turnDetection,
    ).toBeNull();
    // A name that only starts like one is not guessed at: the general default, and the
    // rejection path if the service says otherwise.
    const s = resolveModelSettings({ provider: 'azure', transcriptionModel: 'gpt-realtime-whisper-eu', prompt: 'x' });
    expect(s.model).toBeUndefined();
    expect(s.turnDetection).toEqual(DEFAULT_SERVER_VAD);
    expect(s.prompt).toBe('x');
  });
});

describe('the newer transcription fields against the table', () => {
  const openai = (model: string, extra: object) =>
    resolveModelSettings({ provider: 'openai', transcriptionModel: model, ...extra }).refused;

  it('lets the models that take them have keywords, languages and delay', () => {
    expect(openai('gpt-transcribe', { keywords: ['ACME'], languages: ['en', 'fr'] })).toBeUndefined();
    expect(openai('gpt-live-transcribe', { keywords: ['ACME'], languages: ['en', 'fr'] })).toBeUndefined();
    expect(openai('gpt-realtime-whisper', { delay: 'high' })).toBeUndefined();
    // A model the table does not know may take anything: the service decides.
    expect(openai('my-new-model', { keywords: ['a'], languages: ['en', 'de'], delay: 'low' })).toBeUndefined();
  });

  it('refuses each for a known model that does not take it, naming the model and the ones that do', () => {
    expect(openai('gpt-4o-transcribe', { keywords: ['ACME'] })).toEqual({
      option: 'keywords',
      message: '`keywords` is taken only by gpt-transcribe and gpt-live-transcribe, not by gpt-4o-transcribe',
      hint: 'drop `keywords`, or transcribe with one of those models',
    });
    expect(openai('whisper-1', { languages: ['en', 'fr'] })?.message).toBe(
      '`languages` is taken only by gpt-transcribe and gpt-live-transcribe, not by whisper-1',
    );
    expect(openai('gpt-live-transcribe', { delay: 'low' })).toEqual({
      option: 'delay',
      message: '`delay` is taken only by gpt-realtime-whisper, not by gpt-live-transcribe',
      hint: 'drop `delay`, or transcribe with that model',
    });
  });

  it('refuses a semantic VAD eagerness for a model that takes no turn detection; auto is the default and passes', () => {
    expect(
      openai('gpt-realtime-whisper', { turnDetection: { type: 'semantic_vad', eagerness: 'high' } })?.message,
    ).toBe(
      '`turnDetection.eagerness` is for semantic VAD, and gpt-realtime-whisper takes no turn detection (the client commits)',
    );
    expect(
      openai('gpt-realtime-whisper', { turnDetection: { type: 'semantic_vad', eagerness: 'auto' } }),
    ).toBeUndefined();
    expect(openai('gpt-4o-transcribe', { turnDetection: { type: 'semantic_vad', eagerness: 'low' } })).toBeUndefined();
  });

  it('on Azure, judges by the model the deployment runs', () => {
    const refused = resolveModelSettings({
      provider: 'azure',
      transcriptionModel: 'my-deployment',
      model: 'gpt-4o-mini-transcribe',
      keywords: ['x'],
    }).refused;
    expect(refused?.message).toBe(
      '`keywords` is taken only by gpt-transcribe and gpt-live-transcribe, not by gpt-4o-mini-transcribe',
    );
  });
});
