import { describe, expect, it } from 'vitest';
import { redact, secretsInHeaders } from '../../src/util/redact.js';

describe('redact', () => {
  it('masks every occurrence of every secret', () => {
    expect(redact('key abcd1234 and again abcd1234; token xyz-9876', ['abcd1234', 'xyz-9876'])).toBe(
      'key *** and again ***; token ***',
    );
  });

  it('masks the URL-encoded form too', () => {
    const secret = 'a+b/c=d&e';
    expect(redact(`raw ${secret} url ${encodeURIComponent(secret)}`, [secret])).toBe('raw *** url ***');
  });

  it('ignores secrets too short to be real and tolerates an empty list', () => {
    expect(redact('a abc abcd', ['abc', ''])).toBe('a abc abcd');
    expect(redact('nothing here', [])).toBe('nothing here');
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    expect(redact('x longsecret-and-more x', ['longsecret', 'longsecret-and-more'])).toBe('x *** x');
  });

  it('treats secrets as text, not patterns', () => {
    expect(redact('a.b*c+d and axbbbcd', ['a.b*c+d'])).toBe('*** and axbbbcd');
  });
});

describe('secretsInHeaders', () => {
  const headers = {
    'api-key': 'azure-key-123',
    Authorization: 'Bearer tok-456',
    'User-Agent': 'realtime-transcribe/0.1',
  };

  it('lists the credential values, bare tokens included', () => {
    expect(secretsInHeaders(headers)).toEqual(['azure-key-123', 'Bearer tok-456', 'tok-456']);
  });
});
