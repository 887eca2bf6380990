import { describe, expect, it } from 'vitest';
import { formatTimecode } from '../../src/transcript/timecode.js';
import { formatClock, formatSpeed } from '../../src/terminal/clock-text.js';

describe('formatTimecode', () => {
  it('writes HH:MM:SS and milliseconds with the format separator', () => {
    expect(formatTimecode(0, ',')).toBe('00:00:00,000');
    expect(formatTimecode(61_001, '.')).toBe('00:01:01.001');
    expect(formatTimecode(3 * 3_600_000 + 59 * 60_000 + 59_999, ',')).toBe('03:59:59,999');
  });

  it('grows hours past 99 and never goes negative', () => {
    expect(formatTimecode(100 * 3_600_000 + 5, '.')).toBe('100:00:00.005');
    expect(formatTimecode(-20, ',')).toBe('00:00:00,000');
    expect(formatTimecode(1.6, ',')).toBe('00:00:00,002');
  });
});

describe('formatClock', () => {
  it('writes m:ss, then h:mm:ss', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(30)).toBe('0:30');
    expect(formatClock(29.9999999)).toBe('0:30');
    expect(formatClock(29.6)).toBe('0:29');
    expect(formatClock(754)).toBe('12:34');
    expect(formatClock(3 * 3600 + 62)).toBe('3:01:02');
    expect(formatClock(Infinity)).toBe('--:--');
  });

  it('writes a speed factor', () => {
    expect(formatSpeed(15)).toBe('×15.0');
    expect(formatSpeed(0)).toBe('×-');
  });
});
