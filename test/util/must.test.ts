import { describe, expect, it } from 'vitest';
import { defined } from '../../src/util/must.js';

describe('defined', () => {
  it('passes a present value through, falsy ones included', () => {
    expect(defined(0, 'count')).toBe(0);
    expect(defined('', 'text')).toBe('');
    expect(defined(null, 'slot')).toBeNull();
  });

  it('throws an internal error naming what is missing', () => {
    expect(() => defined(undefined, 'cue plan')).toThrow('internal: cue plan missing');
  });
});
