// Where each format's file goes for a given -o path.

import { extname } from 'node:path';
import { TranscribeError } from '../errors.js';
import { isOutputFormat, type OutputFormat } from './formats.js';

export interface OutputFile {
  format: OutputFormat;
  path: string;
}

/**
 * One format: the path as given when its extension names that format (any case), else `PATH.EXT`.
 * Several formats: `BASE.EXT` for each, BASE being the path less any known extension, so
 * `-o talk.txt --format srt,vtt` gives talk.srt and talk.vtt.
 */
export function outputFiles(outputPath: string, formats: readonly OutputFormat[]): OutputFile[] {
  if (outputPath === '' || /[\\/]$/.test(outputPath)) {
    throw new TranscribeError('USAGE', `output path (${outputPath}) is not a file name`, {
      hint: 'give a file name to -o, e.g. -o transcripts/talk.srt',
    });
  }
  const ext = extname(outputPath);
  const known = isOutputFormat(ext.slice(1).toLowerCase());
  const [format] = formats;
  if (format !== undefined && formats.length === 1) {
    return [{ format, path: ext.toLowerCase() === `.${format}` ? outputPath : `${outputPath}.${format}` }];
  }
  const base = known ? outputPath.slice(0, -ext.length) : outputPath;
  return formats.map((format) => ({ format, path: `${base}.${format}` }));
}
