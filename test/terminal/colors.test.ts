import { describe, expect, it } from 'vitest';
import { colorsEnabled, paint } from '../../src/terminal/colors.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colorsEnabled', () => {
  it.each([
    ['a TTY', tty, {}, undefined, true],
    ['a pipe', pipe, {}, undefined, false],
    ['a stream without isTTY', {}, {}, undefined, false],
    ['NO_COLOR=1 on a TTY', tty, { NO_COLOR: '1' }, undefined, false],
    ['NO_COLOR empty on a TTY', tty, { NO_COLOR: '' }, undefined, true],
    ['FORCE_COLOR=1 on a pipe', pipe, { FORCE_COLOR: '1' }, undefined, true],
    ['FORCE_COLOR empty on a pipe', pipe, { FORCE_COLOR: '' }, undefined, true],
    ['FORCE_COLOR=0 on a TTY', tty, { FORCE_COLOR: '0' }, undefined, false],
    ['FORCE_COLOR=false on a TTY', tty, { FORCE_COLOR: 'false' }, undefined, false],
    ['FORCE_COLOR=1 with NO_COLOR=1', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, undefined, true],
    ['--no-color on a TTY', tty, {}, false, false],
    ['--no-color with FORCE_COLOR=1', tty, { FORCE_COLOR: '1' }, false, false],
    ['the flag left at true on a pipe', pipe, {}, true, false],
    ['the flag left at true on a TTY', tty, {}, true, true],
    ['TERM=dumb on a TTY', tty, { TERM: 'dumb' }, undefined, false],
  ])('%s', (_name, stream, env, flag, expected) => {
    expect(colorsEnabled({ stream, env: env as NodeJS.ProcessEnv, flag })).toBe(expected);
  });
});

describe('paint', () => {
  it('writes no escape code when disabled', () => {
    const p = paint(false);
    for (const style of [p.error, p.warn, p.dim, p.ok, p.bold]) expect(style('text')).toBe('text');
  });

  it('colors when enabled', () => {
    const p = paint(true);
    expect(p.error('x')).toBe('\x1b[31mx\x1b[39m');
    expect(p.ok('x')).toBe('\x1b[32mx\x1b[39m');
    expect(p.bold('x')).toBe('\x1b[1mx\x1b[22m');
  });
});
