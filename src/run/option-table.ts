// Every option of the main command, once: its library name (the TranscribeOptions field, where
// there is one), flag, kind, range, default and help text. Commander's options, the parsing of
// flag values, the library's validation ranges and defaults (`defaultPolicy`), the flag names in
// error messages and the docs' options table are all derived from this list.
//
// Why the flag and help text live here, at the run level, and not in cli/: one entry per option
// is the point (a reader finds everything about --chunk-ms in one place, and adding an option is
// one entry), and the library must validate from the same entries as the CLI, while no library
// module may import from cli/. The flag and help strings are plain data; nothing here runs the
// command line, and the library never reads them.
import { RAW_CHANNEL_RANGE, RAW_RATE_RANGE } from '../audio/raw-format.js';
import { DEFAULT_TOKEN_SCOPE } from '../auth/azure-credential.js';
import { DEFAULT_TOKEN_MAX_AGE_MS } from '../auth/token-command.js';
import { DETECTOR_KINDS, SENSITIVITIES } from '../speech/detector.js';

/** How a value is written on the command line (and what the library takes). */
type OptionKind = 'boolean' | 'number' | 'duration' | 'enum' | 'string' | 'list' | 'object';

export interface OptionRange {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** The minimum itself excluded (`speed` above 0). */
  exclusiveMin?: boolean;
}

export interface OptionSpec {
  /** The TranscribeOptions field (dotted for a nested one); none for a flag only the CLI has. */
  name?: string;
  /** Other library names an error may use for what this flag sets (`languages` for --language). */
  aliases?: readonly string[];
  /** The flag, e.g. `--chunk-ms`; none for an option only the library has. */
  flag?: string;
  /** A one-letter alias, e.g. `-o`. */
  short?: string;
  /** Its value as the help shows it, e.g. `<ms>`; none for a switch. */
  value?: string;
  kind: OptionKind;
  /** What the library accepts (and the CLI too, unless `flagRange` narrows it). */
  range?: OptionRange;
  /** A narrower range for the flag than the library allows. */
  flagRange?: OptionRange;
  /** The allowed values of an enum, as the library takes them (`null` is the flag's `none`). */
  choices?: readonly (string | null)[];
  /** A word the flag takes besides a number (`--parallel auto`). */
  word?: string;
  /** The library's default, in its units (ms for durations). */
  default?: unknown;
  /** The flag's default where it differs from the library's, as typed. */
  flagDefault?: string;
  /**
   * Unset stays unset (no commander default), so that the library or another flag decides; the
   * help then says the default in words.
   */
  optional?: boolean;
  /** A field of PolicyOptions: `defaultPolicy` holds its default, and every run validates it. */
  policy?: boolean;
  /** The `--no-…` flag of a switch that is on by default somewhere (`--no-skip-silence`). */
  negation?: { flag: string; help: string };
  /** The help line (commander's). */
  help: string;
  /** The docs table's text, where it says more than the help line (Markdown). */
  docs?: string;
  /** The docs table's default column, where the default is not a value (an environment variable…). */
  docsDefault?: string;
  /** The library's hint when the value is out of range. */
  hint?: string;
  /** The CLI's hint when the value is out of range, where it differs from `hint`. */
  flagHint?: string;
  /** A value to show in a duration's error (default: the default). */
  example?: string;
  /** Left out of --help and the docs (knobs for tests and demos). */
  hidden?: boolean;
  /** Names the service or its credential: --local (the built-in emulator) refuses it. */
  service?: boolean;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

// The server VAD settings a run sends when nothing else is chosen; --vad-* default to them.
const VAD_THRESHOLD = 0.5;
const VAD_SILENCE_MS = 500;
const VAD_PREFIX_MS = 300;

/** The main command's options in --help order, then the library's own knobs. */
export const OPTION_TABLE: readonly OptionSpec[] = [
  {
    flag: '--output',
    short: '-o',
    value: '<path>',
    kind: 'string',
    help: 'write the transcript here (default: stdout)',
    docs: 'transcript file; with several formats, `PATH.EXT` each; a directory for batches',
    docsDefault: 'stdout',
  },
  {
    flag: '--format',
    short: '-f',
    value: '<formats>',
    kind: 'list',
    default: 'txt',
    help: 'txt, json, srt, vtt, jsonl, tsv; several with commas, or all',
    docs: '`txt`, `json`, `srt`, `vtt`, `jsonl`, `tsv`, several with commas, or `all`',
  },
  {
    flag: '--max-line-width',
    value: '<chars>',
    kind: 'number',
    range: { min: 10, max: 1000, integer: true },
    default: 42, // transcript/cues.ts reads its defaults from here
    optional: true,
    help: 'srt and vtt: most characters on a subtitle line, 10–1000',
    flagHint: 'for example --max-line-width 32',
  },
  {
    flag: '--max-lines',
    value: '<n>',
    kind: 'number',
    range: { min: 1, max: 10, integer: true },
    default: 2,
    optional: true,
    help: 'srt and vtt: most lines in one subtitle cue, 1–10',
    flagHint: 'for example --max-lines 1',
  },
  {
    flag: '--jobs',
    short: '-j',
    value: '<n>',
    // --jobs is what shares one gate among a batch's files.
    aliases: ['sessionGate'],
    kind: 'number',
    range: { min: 1, max: 64, integer: true },
    default: 2,
    help: 'several files or directories into -o DIR: this many files at once, 1–64',
    docs: 'files at once in a batch, sharing one limit on concurrent sessions',
  },
  {
    flag: '--pattern',
    value: '<glob>',
    kind: 'string',
    help: "which files of a directory to take, e.g. '*.wav' (default: audio and video by extension)",
    docsDefault: 'audio and video by extension',
  },
  {
    flag: '--shard',
    value: '<K/N>',
    kind: 'string',
    help: 'take share K of N of the files, to split one directory over N machines (default: all)',
    docs: "this machine's share of the files",
  },
  {
    flag: '--overwrite',
    kind: 'boolean',
    help: 'transcribe again files whose transcripts exist (default: skip them)',
  },
  { flag: '--local', kind: 'boolean', help: 'transcribe with the built-in emulator (no credentials, no network)' },
  {
    name: 'provider',
    flag: '--provider',
    value: '<name>',
    kind: 'enum',
    choices: ['azure', 'openai'],
    optional: true,
    help: 'service (default: azure when an Azure endpoint is set, else openai)',
    docsDefault: 'from the endpoint',
  },
  // The environment variables are read by the library, not by commander, so that a flag given
  // on the command line can be told apart from the environment (--local refuses only flags).
  {
    name: 'endpoint',
    flag: '--endpoint',
    service: true,
    value: '<url>',
    kind: 'string',
    help: "https://RESOURCE.openai.azure.com (the portal's …/openai/realtime?api-version=…&deployment=NAME works too), or http://127.0.0.1:PORT for an emulator; OpenAI reads OPENAI_BASE_URL (env: AZURE_OPENAI_ENDPOINT)",
    docs: "`https://RESOURCE.openai.azure.com` (the portal's preview URL works too), or `http://127.0.0.1:PORT` for an emulator",
    docsDefault: '`AZURE_OPENAI_ENDPOINT`',
  },
  {
    name: 'apiKey',
    flag: '--api-key',
    service: true,
    value: '<key>',
    kind: 'string',
    help: 'API key (env: AZURE_OPENAI_API_KEY, or OPENAI_API_KEY for OpenAI)',
    docs: 'never printed or logged',
    docsDefault: '`AZURE_OPENAI_API_KEY` / `OPENAI_API_KEY`',
  },
  {
    name: 'token',
    flag: '--token',
    service: true,
    value: '<token>',
    kind: 'string',
    help: 'Microsoft Entra ID bearer token instead of a key, for one run shorter than its life (env: AZURE_OPENAI_AD_TOKEN)',
    docsDefault: '`AZURE_OPENAI_AD_TOKEN`',
  },
  {
    name: 'tokenCommand',
    flag: '--token-command',
    service: true,
    value: '<cmd>',
    kind: 'string',
    help: 'run this command (through the shell, as given) for an Entra ID token before sessions open and once after a 401; it prints the token, or JSON with access_token (default: none)',
    docs: 'a command that prints a token; run again after `--token-max-age` and after a 401',
  },
  {
    name: 'tokenMaxAgeMs',
    flag: '--token-max-age',
    service: true,
    value: '<duration>',
    kind: 'duration',
    range: { min: 10_000, max: HOUR },
    default: DEFAULT_TOKEN_MAX_AGE_MS,
    optional: true,
    help: 'run --token-command again when its token is older than this',
  },
  {
    name: 'azureCredential',
    flag: '--azure-credential',
    service: true,
    kind: 'boolean',
    help: 'Entra ID tokens from @azure/identity (az login, managed identity, environment), refreshed before they expire',
  },
  {
    name: 'tokenScope',
    flag: '--token-scope',
    service: true,
    value: '<scope>',
    kind: 'string',
    default: DEFAULT_TOKEN_SCOPE,
    optional: true,
    help: 'scope of --azure-credential tokens',
  },
  {
    name: 'deployment',
    flag: '--deployment',
    value: '<name>',
    kind: 'string',
    help: 'Azure deployment of the transcription model (env: AZURE_OPENAI_DEPLOYMENT)',
    docsDefault: '`AZURE_OPENAI_DEPLOYMENT`',
  },
  {
    name: 'model',
    flag: '--model',
    value: '<name>',
    kind: 'string',
    help: 'transcription model (default: gpt-4o-transcribe on OpenAI); on Azure, the model your deployment runs, when its name does not say',
    docsDefault: '`gpt-4o-transcribe` on OpenAI',
  },
  {
    name: 'language',
    aliases: ['languages'],
    flag: '--language',
    value: '<codes>',
    kind: 'list',
    policy: true,
    help: 'language hint, e.g. en; several with commas (en,fr) for gpt-transcribe and gpt-live-transcribe (default: detected by the model)',
  },
  {
    name: 'keywords',
    flag: '--keywords',
    value: '<list>',
    kind: 'list',
    policy: true,
    help: 'words or phrases to expect, with commas, for gpt-transcribe and gpt-live-transcribe (default: none)',
  },
  {
    name: 'delay',
    flag: '--delay',
    value: '<level>',
    kind: 'enum',
    choices: ['minimal', 'low', 'medium', 'high', 'xhigh'],
    policy: true,
    optional: true,
    help: 'gpt-realtime-whisper: wait longer for better text (default: the service decides)',
    docsDefault: "the service's",
  },
  {
    name: 'prompt',
    flag: '--prompt',
    value: '<text>',
    kind: 'string',
    policy: true,
    help: 'vocabulary or style hint for the model (default: none)',
  },
  {
    name: 'logprobs',
    flag: '--logprobs',
    kind: 'boolean',
    default: false,
    policy: true,
    help: "ask for the tokens' log probabilities: json and jsonl carry each utterance's mean and its tokens",
    docs: "ask for the tokens' log probabilities: each `json`/`jsonl` segment gets `logprob` (their mean; 0 is certain) and `tokens`",
  },
  {
    name: 'chunkMs',
    flag: '--chunk-ms',
    value: '<ms>',
    kind: 'number',
    range: { min: 10, max: 100, integer: true },
    default: 40,
    policy: true,
    help: 'audio per append, 10–100 ms',
    hint: 'the Realtime guidance says 20 to 50 ms per append; the default is 40',
  },
  {
    name: 'speed',
    flag: '--speed',
    value: '<factor>',
    kind: 'number',
    range: { min: 0, max: 1000, exclusiveMin: true },
    default: 1,
    policy: true,
    help: 'pace as a multiple of real time (tests and emulators)',
    hint: '1 is real time',
    flagHint: '--speed 1 is real time',
  },
  {
    name: 'catchUpFactor',
    flag: '--catch-up',
    value: '<factor>',
    kind: 'number',
    range: { min: 1, max: 10 },
    default: 2,
    policy: true,
    help: 're-sent audio goes at speed × this after a drop',
  },
  {
    name: 'rotateAfterMs',
    flag: '--rotate-after',
    value: '<duration>',
    kind: 'duration',
    // The library's upper bound follows the provider's session cap (validate-options.ts).
    range: { min: 10_000, max: 28 * MINUTE },
    default: 8 * MINUTE,
    policy: true,
    help: 'open a fresh session after this long (Azure ends them at 30m)',
    docs: 'proactive rotation (always under the session cap: see below)',
  },
  {
    name: 'replayLimitMs',
    flag: '--replay-limit',
    value: '<duration>',
    kind: 'duration',
    range: { min: 5_000, max: 4 * HOUR },
    default: 10 * MINUTE,
    policy: true,
    help: 'most unacknowledged audio kept for re-sending',
    docs: 'most unacknowledged audio kept for re-sending; beyond it the run stops with an error, never a silent loss',
  },
  {
    name: 'pingIntervalMs',
    flag: '--ping-interval',
    value: '<duration>',
    kind: 'duration',
    range: { min: 0, max: 600_000 },
    default: 15_000,
    policy: true,
    help: 'WebSocket heartbeat interval',
    docs: 'WebSocket heartbeat; no pong within 10 s means the connection is dead',
    hint: '0 turns pings off',
  },
  {
    name: 'watchdogMs',
    flag: '--watchdog',
    value: '<duration>',
    kind: 'duration',
    range: { min: 1_000, max: HOUR },
    default: 20_000,
    policy: true,
    help: 'resume when this much audio got no event from the service',
    docs: 'sound sent with no event back for this long: the session is stalled, resume',
  },
  {
    name: 'drainTimeoutMs',
    flag: '--drain-timeout',
    value: '<duration>',
    kind: 'duration',
    range: { min: 1_000, max: HOUR },
    default: 30_000,
    policy: true,
    help: 'wait this long for outstanding transcripts',
    docs: 'how long a committed utterance may wait for its transcript (longer once the service has shown it is slow: see [design.md](design.md#how-it-keeps-every-word))',
  },
  {
    name: 'maxAttempts',
    flag: '--max-attempts',
    value: '<n>',
    kind: 'number',
    range: { min: 1, max: 1000, integer: true },
    default: 8,
    policy: true,
    help: 'failed sessions in a row before giving up',
    docs: 'failed sessions in a row, with no progress, before giving up',
  },
  {
    name: 'parallel',
    flag: '--parallel',
    value: '<n>',
    kind: 'number',
    range: { min: 1, max: 16, integer: true },
    word: 'auto',
    // The library transcribes a file as one span unless asked; the command line as auto.
    flagDefault: 'auto',
    help: 'transcribe one file as this many spans at once, cut at silences, 1–16, or auto (one per 10 minutes of audio, up to 4)',
    docs: 'a file as N spans at once, cut at silences, each at real-time pace; `auto`: one per 10 minutes of audio, up to 4',
    hint: "or 'auto': one span per 10 minutes of audio, up to 4",
    flagHint: 'or auto: one span per 10 minutes of audio, up to 4',
  },
  {
    name: 'skipSilence',
    flag: '--skip-silence',
    // The library's three values; the flag is a switch (unset: auto).
    kind: 'enum',
    choices: ['auto', 'on', 'off'],
    default: 'auto',
    policy: true,
    negation: { flag: '--no-skip-silence', help: 'send every sample, silences included' },
    help: 'skip the middles of long silences on a live stream too (files: on by default)',
    docs: 'send only the ends of long pauses (what turn detection needs) and skip their middles',
    docsDefault: 'on for files, off for stdin',
  },
  {
    name: 'speechDetector',
    flag: '--speech-detector',
    value: '<kind>',
    kind: 'enum',
    choices: DETECTOR_KINDS,
    default: 'webrtc',
    policy: true,
    help: 'what decides where speech is: webrtc (the WebRTC VAD), energy (a level above the room), none (only digital silence is not speech)',
    docs: 'what decides where speech is (see [Speech detection](design.md#speech-detection)): `webrtc`, `energy`, or `none` (only digital silence is not speech)',
  },
  {
    name: 'speechSensitivity',
    flag: '--speech-sensitivity',
    value: '<level>',
    kind: 'enum',
    choices: SENSITIVITIES,
    default: 'normal',
    policy: true,
    help: 'how readily speech is heard: high keeps the softest voices, low the least noise',
    docs: '`high` hears the softest voices and keeps more noise; `low` keeps the least noise and may miss soft speech',
  },
  {
    name: 'normalize',
    flag: '--normalize',
    kind: 'boolean',
    help: 'raise quiet or far speech to a usual level before sending (ffmpeg dynaudnorm)',
    docs: "raise quiet or far speech to a usual level before sending (ffmpeg's `dynaudnorm`); the run suggests it when speech peaks under −30 dBFS",
  },
  {
    name: 'turnDetection.type',
    aliases: ['turnDetection'],
    flag: '--turn-detection',
    value: '<mode>',
    kind: 'enum',
    choices: ['server_vad', 'semantic_vad', null],
    optional: true,
    help: 'who ends an utterance (default: as the model needs: server_vad, or none for gpt-live-transcribe and gpt-realtime-whisper)',
    docs: '`server_vad`, `semantic_vad`, or `none` (the client commits)',
    docsDefault: 'as the model needs',
  },
  {
    name: 'turnDetection.threshold',
    flag: '--vad-threshold',
    value: '<0..1>',
    kind: 'number',
    range: { min: 0, max: 1 },
    default: VAD_THRESHOLD,
    optional: true,
    help: 'server VAD threshold',
    flagHint: 'the default is 0.5; raise it in a noisy room, lower it for quiet speech',
  },
  {
    name: 'turnDetection.silence_duration_ms',
    flag: '--vad-silence',
    value: '<ms>',
    kind: 'number',
    range: { min: 100, max: 5000, integer: true },
    default: VAD_SILENCE_MS,
    optional: true,
    help: 'silence that ends an utterance',
  },
  {
    name: 'turnDetection.prefix_padding_ms',
    flag: '--vad-prefix',
    value: '<ms>',
    kind: 'number',
    range: { min: 0, max: 2000, integer: true },
    default: VAD_PREFIX_MS,
    optional: true,
    help: 'audio kept before speech starts',
  },
  {
    name: 'turnDetection.eagerness',
    flag: '--vad-eagerness',
    value: '<level>',
    kind: 'enum',
    choices: ['low', 'medium', 'high', 'auto'],
    default: 'auto',
    optional: true,
    help: 'semantic VAD: how soon an utterance ends, low waits longest; it sets --turn-detection semantic_vad',
    docs: 'semantic VAD (it sets `--turn-detection semantic_vad`): `low` waits longest before ending an utterance, `high` least',
  },
  {
    name: 'noiseReduction',
    flag: '--noise-reduction',
    value: '<type>',
    kind: 'enum',
    choices: ['near_field', 'far_field', null],
    default: null,
    policy: true,
    help: 'input noise reduction',
    docs: "the service's input noise reduction for near or far microphones",
  },
  // FFMPEG_PATH is read by the library, not by commander, so that -v can say which of the two chose.
  {
    name: 'ffmpegPath',
    flag: '--ffmpeg',
    value: '<path>',
    kind: 'string',
    help: 'ffmpeg binary to use; unset, the ffmpeg on PATH, else a bundled one (env: FFMPEG_PATH)',
    docs: 'a specific ffmpeg binary; `-v` says which is used',
    docsDefault: '`FFMPEG_PATH`, else `ffmpeg` on PATH, else a bundled one',
  },
  {
    name: 'proxy',
    flag: '--proxy',
    service: true,
    value: '<url>',
    kind: 'string',
    help: 'HTTP proxy for the WebSocket, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY / HTTP_PROXY, except NO_PROXY hosts)',
    docs: 'HTTP proxy for the WebSocket: see [Behind a proxy](#behind-a-proxy)',
    docsDefault: '`HTTPS_PROXY` / `HTTP_PROXY`, not for `NO_PROXY` hosts',
  },
  {
    name: 'logEventsPath',
    flag: '--log-events',
    value: '<file>',
    kind: 'string',
    help: 'write every message both ways as JSON lines, keys redacted (default: off)',
    docs: 'every message both ways as JSON lines, audio elided, keys redacted; a refused upgrade (401, 404…) as its URL, status and body',
  },
  {
    name: 'rawInput.encoding',
    flag: '--input-format',
    value: '<fmt>',
    kind: 'enum',
    choices: ['s16le', 'f32le', 'mulaw'],
    optional: true,
    help: 'headerless stdin: s16le, f32le or mulaw (default: the input has a header)',
    docs: 'headerless PCM on stdin (`s16le`, `f32le`, `mulaw`), with `--sample-rate` and `--channels`',
  },
  {
    name: 'rawInput.sampleRate',
    flag: '--sample-rate',
    value: '<hz>',
    kind: 'number',
    range: { min: RAW_RATE_RANGE[0], max: RAW_RATE_RANGE[1], integer: true },
    flagRange: { min: 8000, max: 192_000, integer: true },
    optional: true,
    help: 'sample rate of headerless stdin (required with --input-format)',
    flagHint: 'for example --sample-rate 16000',
  },
  {
    name: 'rawInput.channels',
    flag: '--channels',
    value: '<n>',
    kind: 'number',
    range: { min: RAW_CHANNEL_RANGE[0], max: RAW_CHANNEL_RANGE[1], integer: true },
    flagRange: { min: 1, max: 8, integer: true },
    default: 1,
    optional: true,
    help: 'channels of headerless stdin',
  },
  { flag: '--quiet', short: '-q', kind: 'boolean', help: 'print nothing on stderr but errors' },
  { flag: '--no-progress', kind: 'boolean', help: 'no progress bar' },
  { flag: '--no-color', kind: 'boolean', help: 'no colors (env: NO_COLOR; FORCE_COLOR=1 forces them)' },
  {
    flag: '--verbose',
    short: '-v',
    kind: 'boolean',
    help: 'log reconnects and warnings, and the cause chain of errors',
  },
  {
    flag: '--dry-run',
    kind: 'boolean',
    help: 'decode each input and print its length, speech, sessions and wall time; connect to nothing',
  },
  // --local emulator knobs (for demos and tests of the built-in service).
  {
    flag: '--local-drop',
    value: '<duration>',
    kind: 'duration',
    range: { min: 1000, max: HOUR },
    example: '2m',
    optional: true,
    hidden: true,
    help: 'with --local: drop every session after this (or at random in a range a-b)',
  },
  {
    flag: '--local-expire',
    value: '<duration>',
    kind: 'duration',
    range: { min: 1000, max: HOUR },
    example: '30m',
    optional: true,
    hidden: true,
    help: 'with --local: session cap',
  },
  {
    flag: '--local-seed',
    value: '<n>',
    kind: 'number',
    range: { min: 0, max: 2 ** 31, integer: true },
    optional: true,
    hidden: true,
    help: 'with --local: seed of the emulator',
  },

  // The library's own knobs: no flag, but the same defaults and validation.
  {
    name: 'turnDetection',
    kind: 'object',
    default: {
      type: 'server_vad',
      threshold: VAD_THRESHOLD,
      prefix_padding_ms: VAD_PREFIX_MS,
      silence_duration_ms: VAD_SILENCE_MS,
    },
    policy: true,
    help: 'server or semantic VAD settings, or null for none (the client commits)',
  },
  { name: 'languages', kind: 'list', policy: true, help: 'the languages the audio may be in' },
  {
    name: 'rotateGraceMs',
    kind: 'duration',
    range: { min: 0, max: HOUR },
    default: MINUTE,
    policy: true,
    help: 'cut at the quietest point this long after rotateAfterMs if no boundary came',
  },
  {
    name: 'prepareAheadMs',
    kind: 'duration',
    // Its upper bound is rotateAfterMs (validate-options.ts).
    range: { min: 0, max: 28 * MINUTE },
    default: 5_000,
    policy: true,
    help: 'open the next session this long before rotation',
    hint: 'the next session is opened this long before rotation',
  },
  {
    name: 'stopGraceMs',
    kind: 'duration',
    range: { min: 0, max: HOUR },
    default: 10_000,
    policy: true,
    help: 'after a stop, how long to wait for outstanding transcripts',
  },
  {
    name: 'maxUtteranceMs',
    kind: 'duration',
    range: { min: 1000, max: HOUR },
    default: 30_000,
    policy: true,
    help: 'speech longer than this with no turn boundary is committed at the next quiet chunk',
  },
  {
    name: 'pongTimeoutMs',
    kind: 'duration',
    range: { min: 100, max: 600_000 },
    default: 10_000,
    policy: true,
    help: 'no pong this long after a ping: the socket is dropped',
  },
  {
    name: 'handshakeTimeoutMs',
    kind: 'duration',
    range: { min: 100, max: 600_000 },
    default: 15_000,
    policy: true,
    help: 'limit on the upgrade and the confirmation of the session configuration',
  },
  {
    name: 'backoffBaseMs',
    kind: 'duration',
    range: { min: 0, max: 600_000 },
    default: 500,
    policy: true,
    help: 'first wait before reconnecting',
  },
  {
    name: 'backoffMaxMs',
    kind: 'duration',
    // Its lower bound is backoffBaseMs (validate-options.ts).
    range: { min: 0, max: HOUR },
    default: 30_000,
    policy: true,
    help: 'longest wait between reconnects',
    hint: 'the longest wait cannot be shorter than backoffBaseMs',
  },
  {
    name: 'maxBufferedBytes',
    kind: 'number',
    range: { min: 1024, max: 1 << 30, integer: true },
    default: 1 << 20,
    policy: true,
    help: 'unsent socket bytes above which sending waits',
  },
  {
    name: 'startAtSec',
    kind: 'number',
    range: { min: 0, max: Number.MAX_SAFE_INTEGER },
    help: 'continue a run from this input second',
  },
  {
    name: 'maxBufferedEvents',
    kind: 'number',
    range: { min: 1, max: 1_000_000, integer: true },
    help: 'unread events an iterating caller may fall behind by',
  },
];

/** The entry of a library option, by its name. */
export function optionNamed(name: string, table: readonly OptionSpec[] = OPTION_TABLE): OptionSpec {
  const spec = table.find((s) => s.name === name);
  if (!spec) throw new Error(`no option named ${name} in the option table`);
  return spec;
}

/** The entry of a flag, e.g. `--jobs`. */
export function optionFlagged(flag: string, table: readonly OptionSpec[] = OPTION_TABLE): OptionSpec {
  const spec = table.find((s) => s.flag === flag);
  if (!spec) throw new Error(`no flag ${flag} in the option table`);
  return spec;
}

/** The defaults of the policy fields, one key for each (undefined where unset means "not sent"). */
export function policyDefaults(table: readonly OptionSpec[] = OPTION_TABLE): Record<string, unknown> {
  return Object.fromEntries(
    table.filter((s) => s.policy && s.name !== undefined).map((s) => [s.name as string, s.default]),
  );
}
