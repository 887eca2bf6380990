// Where the transcript goes: stdout as utterances arrive, or files written atomically at the end.
// `finish` is also what an interrupted run calls, so it writes whatever has arrived by then.

import { createWriteStream } from 'node:fs';
import { TranscribeError } from '../errors.js';
import type { Segment } from '../transcriber/segment.js';
import type { CueOptions } from './cues.js';
import type { OutputFormat } from './formats.js';
import type { TranscriptMetadata } from './json.js';
import { writeFileAtomic } from './atomic-write.js';
import { outputFailed } from './output-error.js';
import { outputFiles } from './paths.js';
import { createStreamingFormatter, type StreamingFormatter } from './streaming.js';

export interface TranscriptSinkOptions {
  /** File to write; several formats share its base name. Undefined: the one format goes to stdout. */
  outputPath?: string;
  formats: OutputFormat[];
  /** Defaults to process.stdout. */
  stdout?: NodeJS.WritableStream;
  /**
   * With `outputPath`, a character device or FIFO: written as a stream, as it is (no extension,
   * no temporary file), and closed at the end; errors (ENOSPC from /dev/full) name the path.
   */
  device?: boolean;
  cue?: CueOptions;
}

export interface TranscriptSink {
  /** Takes the next final utterance, in order. Ignored once `finish` has been called. */
  add(segment: Segment): void;
  /**
   * Completes the output with the run's metadata and resolves with the files written (none for
   * stdout). Safe to call more than once: later calls return the first call's promise.
   */
  finish(metadata: TranscriptMetadata): Promise<string[]>;
  /**
   * Resolves once every utterance added so far is written out (to a terminal: on screen). Many
   * come at once when a span's held transcript is released, and the bar must not stop under them.
   */
  drained(): Promise<void>;
}

export function createTranscriptSink(options: TranscriptSinkOptions): TranscriptSink {
  const formats = [...new Set(options.formats)];
  const [first] = formats;
  if (first === undefined) {
    throw new TranscribeError('USAGE', 'no output format given', { hint: 'pass --format, e.g. --format txt' });
  }
  if (options.outputPath !== undefined && options.device === true) {
    if (formats.length > 1) {
      throw new TranscribeError(
        'USAGE',
        `several formats cannot share one device (${options.outputPath}): ${formats.join(',')}`,
        {
          hint: 'give one --format, or -o a file name',
        },
      );
    }
    const path = options.outputPath;
    return streamSink(
      createWriteStream(path, { flags: 'w' }),
      createStreamingFormatter(first, options.cue),
      path,
      true,
    );
  }
  if (options.outputPath === undefined) {
    if (formats.length > 1) {
      throw new TranscribeError('USAGE', `several formats need -o (${formats.join(',')}): stdout takes one`, {
        hint: `add -o FILE to write ${formats.map((f) => `FILE.${f}`).join(', ')}`,
      });
    }
    return streamSink(options.stdout ?? process.stdout, createStreamingFormatter(first, options.cue), 'stdout', false);
  }
  return fileSink(
    outputFiles(options.outputPath, formats).map((file) => ({
      path: file.path,
      formatter: createStreamingFormatter(file.format, options.cue),
      chunks: [] as string[],
    })),
  );
}

// `name` is what errors call the output; `close` ends the stream (a device opened here, never stdout).
function streamSink(
  stream: NodeJS.WritableStream,
  formatter: StreamingFormatter,
  name: string,
  close: boolean,
): TranscriptSink {
  let failure: unknown;
  let lastWrite: Promise<void> = Promise.resolve();
  let finished: Promise<string[]> | undefined;
  // Without a listener, an EPIPE (the reader went away) would be thrown as an uncaught exception;
  // it is kept and reported by finish instead.
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  stream.on('error', onError);

  const write = (text: string): void => {
    if (text === '' || failure !== undefined) return;
    lastWrite = new Promise((resolve) => {
      stream.write(text, (error?: Error | null) => {
        if (error) failure ??= error;
        resolve();
      });
    });
  };

  return {
    add(segment) {
      if (finished === undefined) write(formatter.add(segment));
    },
    drained: () => lastWrite,
    finish(metadata) {
      finished ??= (async () => {
        write(formatter.end(metadata));
        await lastWrite;
        if (close) await new Promise<void>((resolve) => stream.end(() => resolve()));
        // A stream opened here may still report its error after end(); it is ours, so the
        // listener stays. stdout is the caller's: leave it as it was found.
        else stream.removeListener('error', onError);
        if (failure !== undefined) throw outputFailed(name, failure);
        return [];
      })();
      return finished;
    },
  };
}

interface FileOutput {
  path: string;
  formatter: StreamingFormatter;
  chunks: string[];
}

function fileSink(outputs: FileOutput[]): TranscriptSink {
  let finished: Promise<string[]> | undefined;
  return {
    drained: () => Promise.resolve(), // files are written whole at the end
    add(segment) {
      if (finished !== undefined) return;
      for (const output of outputs) {
        const text = output.formatter.add(segment);
        if (text !== '') output.chunks.push(text);
      }
    },
    finish(metadata) {
      finished ??= (async () => {
        const written: string[] = [];
        let firstError: unknown;
        // Every file is attempted: one unwritable format must not cost the others.
        for (const output of outputs) {
          const content = output.chunks.join('') + output.formatter.end(metadata);
          try {
            await writeFileAtomic(output.path, content);
            written.push(output.path);
          } catch (error) {
            firstError ??= error;
          }
        }
        if (firstError !== undefined) throw firstError;
        return written;
      })();
      return finished;
    },
  };
}
