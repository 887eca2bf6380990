// The command line: every option with its default and environment variable, and examples for the
// three ways people run it.
import { Command } from 'commander';
import { addTableOptions } from '../table-options.js';
import { OPTION_TABLE, type OptionSpec } from '../../run/option-table.js';
import { DURATION_GRAMMAR } from '../../util/duration.js';

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

Durations: ${DURATION_GRAMMAR}.

Exit codes: 0 ok, 1 failed, 2 usage error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
`;

export function buildProgram(version: string, table: readonly OptionSpec[] = OPTION_TABLE): Command {
  const program = new Command('realtime-transcribe');
  program
    .description(
      'Transcribe audio files and live streams through the Azure OpenAI / OpenAI Realtime API,\n' +
        'resuming after dropped connections (1006) without losing or repeating a word.',
    )
    .version(version, '-V, --version')
    .argument('[inputs...]', "audio or video files, or '-' for stdin");
  addTableOptions(program, table);
  program.addHelpText('after', EXAMPLES).showSuggestionAfterError(true);
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
