// A transcript as the checker sees it: lower case, punctuation removed, one stream of words.

/**
 * Words of a transcript. Lines are joined first, so a sentence split over two lines, or two
 * sentences on one line, read the same. Punctuation is deleted, not replaced by a space, as
 * the spec compares text "after removing punctuation" ("X-ray." → "xray").
 */
export function transcriptWords(text: string | readonly string[]): string[] {
  const joined = typeof text === 'string' ? text : text.join('\n');
  return joined
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}
