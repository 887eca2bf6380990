// What every run of the command shares, one file or a batch: options, where to talk, how much.
import type { TranscribeOptions } from '../index.js';
import type { CueOptions } from '../transcript/index.js';
import type { BarLook, Paint } from '../terminal/index.js';

export interface RunContext {
  /** Shared by every input; carries the abort signals. */
  transcribeOptions: TranscribeOptions;
  stderr: NodeJS.WriteStream;
  paint: Paint;
  /** How progress bars are drawn: glyphs the terminal can show, colours when they are on. */
  look: BarLook;
  /** Subtitle layout (--max-line-width, --max-lines); unset: the cue builder's defaults. */
  cue: CueOptions | undefined;
  quiet: boolean;
  progress: boolean;
  verbose: boolean;
  toolVersion: string;
  /** --local: the built-in emulator transcribes (metadata says so; markers get a note). */
  local: boolean;
  /** Set when SIGINT / SIGTERM arrived: decides the exit code of an interrupted run. */
  interruptedBy(): 'SIGINT' | 'SIGTERM' | undefined;
}
