// The command line: every option with its default and environment variable, and examples for the
// three ways people run it.
import { Command, Option } from 'commander';

export interface CliFlags {
  output?: string;
  format: string;
  maxLineWidth?: string;
  maxLines?: string;
  // batches: several files or directories into -o DIR
  jobs: string;
  parallel: string;
  skipSilence?: boolean;
  speechDetector: string;
  speechSensitivity: string;
  normalize?: boolean;
  pattern?: string;
  shard?: string;
  overwrite?: boolean;
  local?: boolean;
  provider?: 'azure' | 'openai';
  endpoint?: string;
  apiKey?: string;
  token?: string;
  tokenCommand?: string;
  tokenMaxAge?: string;
  azureCredential?: boolean;
  tokenScope?: string;
  deployment?: string;
  model?: string;
  language?: string;
  prompt?: string;
  logprobs?: boolean;
  keywords?: string;
  delay?: string;
  vadEagerness?: string;
  chunkMs: string;
  speed: string;
  catchUp: string;
  rotateAfter: string;
  replayLimit: string;
  pingInterval: string;
  watchdog: string;
  drainTimeout: string;
  maxAttempts: string;
  turnDetection?: string;
  vadThreshold?: string;
  vadSilence?: string;
  vadPrefix?: string;
  noiseReduction: string;
  ffmpeg?: string;
  proxy?: string;
  logEvents?: string;
  inputFormat?: string;
  sampleRate?: string;
  channels?: string;
  quiet?: boolean;
  progress: boolean;
  color: boolean;
  verbose?: boolean;
  dryRun?: boolean;
  // --local emulator knobs (for demos and tests of the built-in service)
  localDrop?: string;
  localExpire?: string;
  localSeed?: string;
}

const EXAMPLES = `
Examples:
  $ realtime-transcribe meeting.wav > meeting.txt                 a file (any format ffmpeg reads)
  $ arecord -f S16_LE -r 16000 -c 1 | realtime-transcribe -        a live stream on stdin
  $ realtime-transcribe --local fixtures/tonecode-demo.wav         no credentials: built-in emulator
  $ realtime-transcribe talk.mp4 -f srt,vtt -o subs/talk           several formats
  $ realtime-transcribe recordings/ -o transcripts/ --jobs 4       a directory: the tree is mirrored
  $ realtime-transcribe talk.wav --azure-credential --endpoint https://RES.openai.azure.com --deployment NAME
                                                                   Microsoft Entra ID (az login, managed identity)
  $ realtime-transcribe emulate --drop 2m-6m                       run the emulator for your own client
  $ realtime-transcribe tonecode --sentences 100 -o test.wav       a test signal the emulator transcribes exactly
  $ realtime-transcribe --dry-run recordings/                      plan a run: length, speech, sessions

Environment:
  AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_AD_TOKEN,
  OPENAI_API_KEY, OPENAI_BASE_URL, FFMPEG_PATH, NO_COLOR, FORCE_COLOR

Exit codes: 0 ok, 1 failed, 2 usage error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
`;

export function buildProgram(version: string): Command {
  const program = new Command('realtime-transcribe');
  program
    .description(
      'Transcribe audio files and live streams through the Azure OpenAI / OpenAI Realtime API,\n' +
        'resuming after dropped connections (1006) without losing or repeating a word.',
    )
    .version(version, '-V, --version')
    .argument('[inputs...]', "audio or video files, or '-' for stdin")
    .option('-o, --output <path>', 'write the transcript here (default: stdout)')
    .option('-f, --format <formats>', 'txt, json, srt, vtt, jsonl, tsv; several with commas, or all', 'txt')
    .option('--max-line-width <chars>', 'srt and vtt: most characters on a subtitle line, 10–1000 (default: 42)')
    .option('--max-lines <n>', 'srt and vtt: most lines in one subtitle cue, 1–10 (default: 2)')
    .option('-j, --jobs <n>', 'several files or directories into -o DIR: this many files at once, 1–64', '2')
    .option(
      '--pattern <glob>',
      "which files of a directory to take, e.g. '*.wav' (default: audio and video by extension)",
    )
    .option('--shard <K/N>', 'take share K of N of the files, to split one directory over N machines (default: all)')
    .option('--overwrite', 'transcribe again files whose transcripts exist (default: skip them)')
    .option('--local', 'transcribe with the built-in emulator (no credentials, no network)')
    .addOption(
      new Option('--provider <name>', 'service (default: azure when an Azure endpoint is set, else openai)').choices([
        'azure',
        'openai',
      ]),
    )
    // The environment variables are read by the library, not by commander, so that a flag given
    // on the command line can be told apart from the environment (--local refuses only flags).
    .addOption(
      new Option(
        '--endpoint <url>',
        "https://RESOURCE.openai.azure.com (the portal's …/openai/realtime?api-version=…&deployment=NAME works too), or http://127.0.0.1:PORT for an emulator; OpenAI reads OPENAI_BASE_URL (env: AZURE_OPENAI_ENDPOINT)",
      ),
    )
    .addOption(new Option('--api-key <key>', 'API key (env: AZURE_OPENAI_API_KEY, or OPENAI_API_KEY for OpenAI)'))
    .addOption(
      new Option(
        '--token <token>',
        'Microsoft Entra ID bearer token instead of a key, for one run shorter than its life (env: AZURE_OPENAI_AD_TOKEN)',
      ),
    )
    .addOption(
      new Option(
        '--token-command <cmd>',
        'run this command (through the shell, as given) for an Entra ID token before sessions open and once after a 401; it prints the token, or JSON with access_token (default: none)',
      ),
    )
    .option('--token-max-age <duration>', 'run --token-command again when its token is older than this (default: 5m)')
    .option(
      '--azure-credential',
      'Entra ID tokens from @azure/identity (az login, managed identity, environment), refreshed before they expire',
    )
    .option(
      '--token-scope <scope>',
      'scope of --azure-credential tokens (default: https://cognitiveservices.azure.com/.default)',
    )
    .addOption(
      new Option('--deployment <name>', 'Azure deployment of the transcription model (env: AZURE_OPENAI_DEPLOYMENT)'),
    )
    .option(
      '--model <name>',
      'transcription model (default: gpt-4o-transcribe on OpenAI); on Azure, the model your deployment runs, when its name does not say',
    )
    .option(
      '--language <codes>',
      'language hint, e.g. en; several with commas (en,fr) for gpt-transcribe and gpt-live-transcribe (default: detected by the model)',
    )
    .option(
      '--keywords <list>',
      'words or phrases to expect, with commas, for gpt-transcribe and gpt-live-transcribe (default: none)',
    )
    .addOption(
      new Option(
        '--delay <level>',
        'gpt-realtime-whisper: wait longer for better text (default: the service decides)',
      ).choices(['minimal', 'low', 'medium', 'high', 'xhigh']),
    )
    .option('--prompt <text>', 'vocabulary or style hint for the model (default: none)')
    .option(
      '--logprobs',
      "ask for the tokens' log probabilities: json and jsonl carry each utterance's mean and its tokens",
    )
    .option('--chunk-ms <ms>', 'audio per append, 10–100 ms', '40')
    .option('--speed <factor>', 'pace as a multiple of real time (tests and emulators)', '1')
    .option('--catch-up <factor>', 're-sent audio goes at speed × this after a drop', '2')
    .option('--rotate-after <duration>', 'open a fresh session after this long (Azure ends them at 30m)', '8m')
    .option('--replay-limit <duration>', 'most unacknowledged audio kept for re-sending', '10m')
    .option('--ping-interval <duration>', 'WebSocket heartbeat interval', '15s')
    .option('--watchdog <duration>', 'resume when this much audio got no event from the service', '20s')
    .option('--drain-timeout <duration>', 'wait this long for outstanding transcripts', '30s')
    .option('--max-attempts <n>', 'failed sessions in a row before giving up', '8')
    .option(
      '--parallel <n>',
      'transcribe one file as this many spans at once, cut at silences, 1–16, or auto (one per 10 minutes of audio, up to 4)',
      'auto',
    )
    .option('--skip-silence', 'skip the middles of long silences on a live stream too (files: on by default)')
    .option('--no-skip-silence', 'send every sample, silences included')
    .addOption(
      new Option(
        '--speech-detector <kind>',
        'what decides where speech is: webrtc (the WebRTC VAD), energy (a level above the room), none (only digital silence is not speech)',
      )
        .choices(['webrtc', 'energy', 'none'])
        .default('webrtc'),
    )
    .addOption(
      new Option(
        '--speech-sensitivity <level>',
        'how readily speech is heard: high keeps the softest voices, low the least noise',
      )
        .choices(['high', 'normal', 'low'])
        .default('normal'),
    )
    .option('--normalize', 'raise quiet or far speech to a usual level before sending (ffmpeg dynaudnorm)')
    .addOption(
      new Option(
        '--turn-detection <mode>',
        'who ends an utterance (default: as the model needs: server_vad, or none for gpt-live-transcribe and gpt-realtime-whisper)',
      ).choices(['server_vad', 'semantic_vad', 'none']),
    )
    .option('--vad-threshold <0..1>', 'server VAD threshold (default: 0.5)')
    .option('--vad-silence <ms>', 'silence that ends an utterance (default: 500)')
    .option('--vad-prefix <ms>', 'audio kept before speech starts (default: 300)')
    .addOption(
      new Option(
        '--vad-eagerness <level>',
        'semantic VAD: how soon an utterance ends, low waits longest; it sets --turn-detection semantic_vad (default: auto)',
      ).choices(['low', 'medium', 'high', 'auto']),
    )
    .addOption(
      new Option('--noise-reduction <type>', 'input noise reduction')
        .choices(['near_field', 'far_field', 'none'])
        .default('none'),
    )
    // FFMPEG_PATH is read by the library, not by commander, so that -v can say which of the two chose.
    .option('--ffmpeg <path>', 'ffmpeg binary to use; unset, the ffmpeg on PATH, else a bundled one (env: FFMPEG_PATH)')
    .option(
      '--proxy <url>',
      'HTTP proxy for the WebSocket, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY / HTTP_PROXY, except NO_PROXY hosts)',
    )
    .option('--log-events <file>', 'write every message both ways as JSON lines, keys redacted (default: off)')
    .addOption(
      new Option(
        '--input-format <fmt>',
        'headerless stdin: s16le, f32le or mulaw (default: the input has a header)',
      ).choices(['s16le', 'f32le', 'mulaw']),
    )
    .option('--sample-rate <hz>', 'sample rate of headerless stdin (required with --input-format)')
    .option('--channels <n>', 'channels of headerless stdin (default: 1)')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('--no-progress', 'no progress bar')
    .option('--no-color', 'no colors (env: NO_COLOR; FORCE_COLOR=1 forces them)')
    .option('-v, --verbose', 'log reconnects and warnings, and the cause chain of errors')
    .option('--dry-run', 'decode each input and print its length, speech, sessions and wall time; connect to nothing')
    .addOption(
      new Option('--local-drop <duration>', 'with --local: drop every session after this (or a range a-b)').hideHelp(),
    )
    .addOption(new Option('--local-expire <duration>', 'with --local: session cap').hideHelp())
    .addOption(new Option('--local-seed <n>', 'with --local: seed of the emulator').hideHelp())
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true);
  return program;
}

/**
 * Lists `tonecode` among the commands in --help. main() hands `tonecode …` to the generator's own
 * parser before commander sees it, so this entry only describes it (and its --help).
 */
export function registerTonecodeHelp(program: Command): void {
  program
    .command('tonecode')
    .description(
      'write a tonecode test signal (audio whose transcript is known exactly; --local transcribes it); tonecode --help for its options',
    )
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true);
}
