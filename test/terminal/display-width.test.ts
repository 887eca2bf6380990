import { describe, expect, it } from 'vitest';
import { displayWidth, headToWidth, padToWidth, tailToWidth } from '../../src/terminal/display-width.js';

describe('displayWidth', () => {
  it.each([
    ['plain.wav', 9],
    ['会議.wav', 8],
    ['녹음.mp3', 8],
    ['🎤 talk.wav', 11],
    ['naïve', 5],
    ['e\u0301', 1], // e and a combining acute
    ['\u001b[32mok\u001b[39m', 2],
  ])('%s takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('cuts and pads by columns, never through a wide character', () => {
    expect(headToWidth('会議録.wav', 5)).toBe('会議');
    // Escapes take no room, and a colour cut off still gets its reset.
    expect(headToWidth('\x1b[32m████\x1b[39m░░', 5)).toBe('\x1b[32m████\x1b[39m░');
    expect(headToWidth('ab\x1b[32mcdef\x1b[39mgh', 3)).toBe('ab\x1b[32mc\x1b[39m');
    expect(tailToWidth('a/会議.wav', 7)).toBe('議.wav');
    expect(padToWidth('会議', 6)).toBe('会議  ');
  });
});
