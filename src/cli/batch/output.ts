// The transcripts of one batch file. A complete run writes them in place (atomically, creating
// directories); an incomplete one keeps what was transcribed beside them as `NAME.partial`, so a
// re-run of the batch transcribes the file again instead of skipping a half transcript.
import { Writable } from 'node:stream';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TranscribeError, type Segment } from '../../index.js';
import {
  createTranscriptSink,
  writeFileAtomic,
  type CueOptions,
  type TranscriptMetadata,
  type TranscriptSink,
} from '../../transcript/index.js';
import { partialPath, type OutputTarget } from './paths.js';

export interface BatchOutput {
  add(segment: Segment): void;
  /** Writes every format; resolves with the files written. */
  finish(metadata: TranscriptMetadata, complete: boolean): Promise<string[]>;
}

export function createBatchOutput(targets: readonly OutputTarget[], cue?: CueOptions): BatchOutput {
  // The library's sink formats each utterance as it arrives; here it formats into memory, and the
  // file is written once, at the end, under the name that the outcome decides.
  const outputs = targets.map((target) => {
    const chunks: string[] = [];
    const stream = new Writable({
      decodeStrings: false,
      write(chunk: unknown, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
    const sink: TranscriptSink = createTranscriptSink({
      formats: [target.format],
      stdout: stream,
      ...(cue ? { cue } : {}),
    });
    return { target, chunks, sink };
  });
  let segments = 0;

  return {
    add(segment) {
      segments++;
      for (const output of outputs) output.sink.add(segment);
    },
    async finish(metadata, complete) {
      if (!complete && segments === 0) return []; // nothing transcribed: no empty .partial files
      const written: string[] = [];
      let firstError: unknown;
      // Every format is attempted: one unwritable file must not cost the others.
      for (const { target, chunks, sink } of outputs) {
        const path = complete ? target.path : partialPath(target.path);
        try {
          await sink.finish(metadata);
          await makeDirectory(dirname(path));
          await writeFileAtomic(path, chunks.join(''));
          if (complete) await rm(partialPath(target.path), { force: true }); // an older run's leftover
          written.push(path);
        } catch (error) {
          firstError ??= error;
        }
      }
      if (firstError !== undefined) throw firstError;
      return written;
    },
  };
}

async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new TranscribeError(
      'OUTPUT_FAILED',
      `cannot create the output directory (${dir}): ${(error as Error).message}`,
      {
        hint: 'check that -o names a directory you can write to',
        cause: error,
      },
    );
  }
}
