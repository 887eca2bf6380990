// Small checks on credential values as people paste them.
import { TranscribeError } from '../errors.js';

// Header values must be visible ASCII; anything else would fail deep inside the HTTP client with a
// message that does not say which setting is wrong.
export function checkCredential(value: string, what: string): void {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new TranscribeError('CONFIG_INVALID', `${what} contains spaces, line breaks or non-ASCII characters`, {
      hint: 'copy the value again, without quotes or surrounding text',
    });
  }
}

// People paste "Bearer xyz" from curl examples; the scheme is added by us.
export function stripBearer(value: string): string {
  return value.replace(/^bearer\s+/i, '');
}

/** Trimmed, or undefined when empty. */
export function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
