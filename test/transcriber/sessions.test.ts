import { describe, expect, it } from 'vitest';
import { SessionSet } from '../../src/transcriber/sessions.js';
import type { Session } from '../../src/transcriber/session.js';

const session = (n: number) => ({ number: n }) as unknown as Session;

describe('SessionSet: overtaken sessions', () => {
  it('are no longer waited on, nor current, but stay known until forgotten; the oldest beyond the limit is handed back', () => {
    const set = new SessionSet();
    const [a, b, c, d] = [session(1), session(2), session(3), session(4)];
    set.activate(a);
    set.takeAll();
    expect(set.overtake(a, 2)).toEqual([]);
    set.activate(b);
    expect(set.all()).toEqual([b]);
    expect(set.isCurrent(a)).toBe(false);
    expect(set.isOvertaken(a)).toBe(true);
    expect(set.overtake(c, 2)).toEqual([]);
    expect(set.overtake(d, 2)).toEqual([a]); // a had its chance: it is ended
    expect(set.overtaken).toEqual([c, d]);
    set.forget(c);
    expect(set.overtaken).toEqual([d]);
    expect(set.takeAll()).toEqual([b]); // a resume keeps the overtaken
    expect(set.takeOvertaken()).toEqual([d]); // the end of the run does not
    expect(set.overtaken).toEqual([]);
  });
});
