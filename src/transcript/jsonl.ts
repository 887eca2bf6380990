// JSON Lines: one segment object per line, written as each utterance becomes final.

import type { Segment } from '../transcriber/segment.js';
import { toSegmentRecord } from './json.js';
import { stringifyInert } from '../util/inert-json.js';

/** One line ending in `\n`: `{"start":…,"end":…,"text":…,"session":…,"itemId":…}`. */
export function formatJsonlLine(segment: Segment): string {
  return `${stringifyInert(toSegmentRecord(segment))}\n`;
}
