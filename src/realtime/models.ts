// What each known transcription model needs in its session.update. Models differ: the newest ones
// refuse server VAD, and some take no prompt; sending them the general settings gets the update
// rejected. Pure: a table and lookups, no I/O.
import type { Provider } from './endpoint.js';
import type { TurnDetection } from './events.js';

interface ModelInfo {
  /** The model name as the service spells it. */
  name: string;
  /** The turn detection the model works with when the user does not choose one. */
  turnDetection: 'server_vad' | 'none';
  /** Whether `audio.input.transcription.prompt` is accepted. */
  supportsPrompt: boolean;
  /** The newer transcription fields the model takes (`keywords`, `languages`, `delay`). */
  takes?: readonly TranscriptionKnob[];
}

/** Fields of `audio.input.transcription` that only some models take. */
type TranscriptionKnob = 'keywords' | 'languages' | 'delay';

// Sources:
// [enum]   openai-python types/realtime/audio_transcription.py, model enum (2026-08): the list itself.
// [sdk]    openai-node resources/realtime/realtime.d.ts, AudioTranscription.prompt: "for whisper-1
//          the prompt is a list of keywords; for gpt-4o-transcribe models (excluding
//          gpt-4o-transcribe-diarize) a free text string"; audio/transcriptions.d.ts: prompt "not
//          supported when using gpt-4o-transcribe-diarize".
// [guide]  OpenAI guide "Realtime transcription" (developers.openai.com/api/docs/guides/
//          realtime-transcription): start with gpt-live-transcribe, its session.update example
//          sets `turn_detection: null` and the application commits each turn.
// [knobs]  openai-node src/resources/realtime/realtime.ts (7.x), AudioTranscription: `keywords` and
//          `languages` "Supported by gpt-transcribe and gpt-live-transcribe"; `delay` "Only
//          supported with gpt-realtime-whisper in GA Realtime sessions".
// [spec]   ../../shared/spec/realtime-protocol.md: gpt-realtime-whisper and gpt-live-transcribe
//          need `turn_detection: null`; gpt-realtime-whisper takes no prompt (LiveKit's and
//          TanStack AI's OpenAI plugins switch these settings per model the same way).
const MODELS: readonly ModelInfo[] = [
  { name: 'whisper-1', turnDetection: 'server_vad', supportsPrompt: true }, // [enum] [sdk]
  { name: 'gpt-4o-mini-transcribe', turnDetection: 'server_vad', supportsPrompt: true }, // [enum] [sdk]
  { name: 'gpt-4o-mini-transcribe-2025-12-15', turnDetection: 'server_vad', supportsPrompt: true }, // [enum] [sdk]
  { name: 'gpt-4o-transcribe', turnDetection: 'server_vad', supportsPrompt: true }, // [enum] [sdk]
  { name: 'gpt-4o-transcribe-diarize', turnDetection: 'server_vad', supportsPrompt: false }, // [enum] [sdk]
  // [enum]; nothing says otherwise; [knobs]
  { name: 'gpt-transcribe', turnDetection: 'server_vad', supportsPrompt: true, takes: ['keywords', 'languages'] },
  // [enum] [guide] [spec]; [knobs]
  { name: 'gpt-live-transcribe', turnDetection: 'none', supportsPrompt: true, takes: ['keywords', 'languages'] },
  { name: 'gpt-realtime-whisper', turnDetection: 'none', supportsPrompt: false, takes: ['delay'] }, // [enum] [spec] [knobs]
];

/** Server VAD as the Realtime API documents its defaults; used when the model wants server VAD. */
export const DEFAULT_SERVER_VAD: TurnDetection = {
  type: 'server_vad',
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 500,
};

/** The table's entry for `model`, if any. */
function findModel(model: string | undefined): ModelInfo | undefined {
  const wanted = model?.trim().toLowerCase();
  if (!wanted) return undefined;
  return MODELS.find((m) => m.name === wanted);
}

/** The models of the table that take `knob`, in the table's order. */
function modelsTaking(knob: TranscriptionKnob): string[] {
  return MODELS.filter((m) => m.takes?.includes(knob)).map((m) => m.name);
}

/** A setting the model is known not to take: which option, and one line saying so. */
export interface RefusedSetting {
  option: string;
  message: string;
  hint: string;
}

export interface ModelSettingsInput {
  provider: Provider;
  /** What the session names: the deployment on Azure, the model on OpenAI (endpoint.transcriptionModel). */
  transcriptionModel: string;
  /** The underlying model when the user named one (`model`); on Azure it says what the deployment runs. */
  model?: string | undefined;
  /** Turn detection the user chose (`turnDetection`); undefined lets the model decide. */
  turnDetection?: TurnDetection | undefined;
  /** Server VAD settings to use when the model wants server VAD (default: DEFAULT_SERVER_VAD). */
  serverVad?: TurnDetection | undefined;
  prompt?: string | undefined;
  keywords?: readonly string[] | undefined;
  languages?: readonly string[] | undefined;
  delay?: string | undefined;
}

export interface ModelSettings {
  /** The table entry that applied, or undefined (unknown model: the general default). */
  model: ModelInfo | undefined;
  turnDetection: TurnDetection;
  prompt: string | undefined;
  /** One line each, for stderr: a prompt dropped, or an explicit choice the model may refuse. */
  warnings: string[];
  /** The first newer setting the (known) model does not take, if any: the run must not start. */
  refused: RefusedSetting | undefined;
}

/**
 * The turn detection and prompt a session should send. Which table entry applies: on OpenAI the
 * model itself; on Azure the session names a deployment, so the underlying model is `model`
 * (`model`) when given, else the deployment name when it is exactly a model's name (the portal's
 * default deployment name). An explicit turn detection always wins (with a warning when the model
 * is known to need none); a prompt the model cannot take is dropped with a warning.
 */
export function resolveModelSettings(input: ModelSettingsInput): ModelSettings {
  const name = input.provider === 'azure' ? input.model?.trim() || input.transcriptionModel : input.transcriptionModel;
  const info = findModel(name);
  const warnings: string[] = [];
  const serverVad = input.serverVad ?? DEFAULT_SERVER_VAD;

  let turnDetection: TurnDetection;
  if (input.turnDetection !== undefined) {
    turnDetection = input.turnDetection;
    if (info?.turnDetection === 'none' && turnDetection !== null) {
      warnings.push(`${info.name} expects \`turnDetection: null\`; the service may reject ${turnDetection.type}`);
    }
  } else {
    turnDetection = info?.turnDetection === 'none' ? null : serverVad;
  }

  let prompt = input.prompt;
  if (prompt !== undefined && info !== undefined && !info.supportsPrompt) {
    warnings.push(`\`prompt\` ignored: ${info.name} takes no prompt`);
    prompt = undefined;
  }
  return { model: info, turnDetection, prompt, warnings, refused: refusedSetting(info, input, turnDetection) };
}

// Newer knobs are refused up front for a model the table knows does not take them: unlike a
// prompt, dropping one would silently change what the user asked for. Unknown models get them all.
function refusedSetting(
  info: ModelInfo | undefined,
  input: ModelSettingsInput,
  turnDetection: TurnDetection,
): RefusedSetting | undefined {
  if (info === undefined) return undefined;
  const knobs: [TranscriptionKnob, boolean][] = [
    ['keywords', input.keywords !== undefined],
    ['languages', input.languages !== undefined],
    ['delay', input.delay !== undefined],
  ];
  for (const [knob, given] of knobs) {
    if (!given || info.takes?.includes(knob)) continue;
    const takers = modelsTaking(knob);
    return {
      option: knob,
      message: `\`${knob}\` is taken only by ${orList(takers)}, not by ${info.name}`,
      hint: `drop \`${knob}\`, or transcribe with ${takers.length === 1 ? 'that model' : 'one of those models'}`,
    };
  }
  // `auto` is the service's default, the same as none given: only a real choice is refused.
  const eagerness = turnDetection?.type === 'semantic_vad' ? turnDetection.eagerness : undefined;
  if (eagerness !== undefined && eagerness !== 'auto' && info.turnDetection === 'none') {
    return {
      option: 'turnDetection.eagerness',
      message: `\`turnDetection.eagerness\` is for semantic VAD, and ${info.name} takes no turn detection (the client commits)`,
      hint: `drop \`turnDetection.eagerness\` for ${info.name}`,
    };
  }
  return undefined;
}

function orList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? 'no model') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
