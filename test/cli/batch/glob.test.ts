import { describe, expect, it } from 'vitest';
import { globMatcher, globToRegExp } from '../../../src/cli/batch/glob.js';

describe('--pattern globs', () => {
  it('matches file names at any depth when the pattern has no slash', () => {
    const wav = globMatcher('*.wav');
    expect(wav('a.wav')).toBe(true);
    expect(wav('deep/down/b.WAV')).toBe(true); // case-insensitive, like the default selection
    expect(wav('a.wav.bak')).toBe(false);
    expect(wav('a.mp3')).toBe(false);
  });

  it('matches the path below the input directory when the pattern has a slash', () => {
    const march = globMatcher('2024/03-*/*.mp3');
    expect(march('2024/03-01/a.mp3')).toBe(true);
    expect(march('2024/04-01/a.mp3')).toBe(false);
    expect(march('x/2024/03-01/a.mp3')).toBe(false);
    const any = globMatcher('**/day-?.{mp3,m4a}');
    expect(any('day-1.mp3')).toBe(true);
    expect(any('a/b/day-2.m4a')).toBe(true);
    expect(any('a/day-10.mp3')).toBe(false);
    expect(globMatcher('./calls/**')('calls/x/y.wav')).toBe(true);
  });

  it('knows character classes, negated or not, and escapes', () => {
    expect(globMatcher('[0-9]*.flac')('7 take.flac')).toBe(true);
    expect(globMatcher('[!0-9]*.flac')('7 take.flac')).toBe(false);
    expect(globMatcher('a\\*.wav')('a*.wav')).toBe(true);
    expect(globMatcher('a\\*.wav')('ab.wav')).toBe(false);
    expect(globToRegExp('a.(b)+').test('a.(b)+')).toBe(true);
  });

  it('names the flag on a bad pattern', () => {
    expect(() => globMatcher('')).toThrow('--pattern takes a glob such as *.wav (an empty pattern was given)');
    expect(() => globMatcher('[abc')).toThrow('--pattern has a [ without its ] ([abc)');
    expect(() => globMatcher('{a,b')).toThrow('--pattern has a { without its } ({a,b)');
  });
});
