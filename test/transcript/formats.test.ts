import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { OUTPUT_FORMATS, parseFormats } from '../../src/transcript/formats.js';

function usageError(value: string): TranscribeError {
  try {
    parseFormats(value);
  } catch (error) {
    return error as TranscribeError;
  }
  throw new Error(`parseFormats(${value}) did not throw`);
}

describe('parseFormats', () => {
  it('reads a list, in order, without duplicates, ignoring case and spaces', () => {
    expect(parseFormats('srt,vtt')).toEqual(['srt', 'vtt']);
    expect(parseFormats(' SRT , txt,srt ')).toEqual(['srt', 'txt']);
    expect(parseFormats('jsonl')).toEqual(['jsonl']);
  });

  it('expands all', () => {
    expect(parseFormats('all')).toEqual(['txt', 'json', 'srt', 'vtt', 'jsonl', 'tsv']);
    expect(parseFormats('srt,ALL')).toEqual([...OUTPUT_FORMATS]);
  });

  it('names the unknown value in a USAGE error', () => {
    const error = usageError('docx');
    expect(error).toBeInstanceOf(TranscribeError);
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('unknown output format (docx): choose txt, json, srt, vtt, jsonl, tsv or all');
    expect(error.hint).toBeTruthy();
    expect(usageError('srt,Docx,vtt').message).toBe(
      'unknown output format (docx): choose txt, json, srt, vtt, jsonl, tsv or all',
    );
    expect(usageError(' , ').message).toBe('unknown output format (,): choose txt, json, srt, vtt, jsonl, tsv or all');
  });
});
