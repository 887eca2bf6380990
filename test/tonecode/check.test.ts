import { describe, expect, it } from 'vitest';
import { VOCAB, checkTranscript, formatCheckReport, sentenceText, transcriptWords } from '../../src/tonecode/index.js';

const lines = (first: number, count: number) => Array.from({ length: count }, (_, k) => sentenceText(first + k));
const clean = { ok: true, missing: [], duplicated: [], outOfOrder: [], damaged: [], extra: [] };

describe('transcriptWords', () => {
  it('lower-cases, deletes punctuation and joins lines into one stream of words', () => {
    expect(transcriptWords(['Alpha, alpha  ALPHA!', ' hotel X-ray.\tlotus?'])).toEqual([
      'alpha',
      'alpha',
      'alpha',
      'hotel',
      'xray',
      'lotus',
    ]);
    expect(transcriptWords('')).toEqual([]);
  });
});

describe('checkTranscript', () => {
  it('accepts the exact transcript, as lines or as one string', () => {
    expect(checkTranscript(lines(0, 12), { count: 12 })).toEqual({ ...clean, found: [...Array(12).keys()] });
    expect(checkTranscript(lines(40, 5).join('\n'), { first: 40, count: 5 })).toMatchObject({
      ...clean,
      found: [40, 41, 42, 43, 44],
    });
  });

  it('accepts what an engine adds: capitals, full stops, commas', () => {
    const text = lines(0, 3).map((s) => `${s[0]!.toUpperCase()}${s.slice(1).replace(' ', ', ')}.`);
    expect(text[0]).toBe('Alpha, alpha alpha hotel lotus.');
    expect(checkTranscript(text, { count: 3 }).ok).toBe(true);
  });

  it('accepts a sentence split over two lines, and two sentences on one line', () => {
    const [s0, s1, s2, s3] = lines(0, 4).map((s) => s.split(' '));
    const text = [s0!.slice(0, 2).join(' '), [...s0!.slice(2), ...s1!].join(' '), `${s2!.join(' ')} ${s3!.join(' ')}`];
    expect(checkTranscript(text, { count: 4 })).toEqual({ ...clean, found: [0, 1, 2, 3] });
  });

  it('finds missing sentences, including at the ends', () => {
    const text = lines(0, 10).filter((_, k) => ![0, 4, 5, 9].includes(k));
    expect(checkTranscript(text, { count: 10 })).toEqual({
      ...clean,
      ok: false,
      found: [1, 2, 3, 6, 7, 8],
      missing: [0, 4, 5, 9],
    });
    expect(checkTranscript('', { count: 2 })).toMatchObject({ ok: false, found: [], missing: [0, 1] });
  });

  it('finds a duplicated sentence (audio replayed twice) without calling it out of order', () => {
    const l = lines(0, 5);
    const text = [l[0], l[1], l[2], l[1], l[2], l[3], l[4]] as string[];
    expect(checkTranscript(text, { count: 5 })).toEqual({
      ...clean,
      ok: false,
      found: [0, 1, 2, 1, 2, 3, 4],
      duplicated: [1, 2],
    });
  });

  it('finds sentences out of order', () => {
    const l = lines(100, 6);
    const text = [l[0], l[1], l[3], l[2], l[4], l[5]] as string[];
    const result = checkTranscript(text, { first: 100, count: 6 });
    expect(result).toMatchObject({ ok: false, missing: [], duplicated: [], damaged: [], extra: [] });
    expect(result.found).toEqual([100, 101, 103, 102, 104, 105]);
    expect(result.outOfOrder).toHaveLength(1);
    expect([102, 103]).toContain(result.outOfOrder[0]);
  });

  it('finds a block of sentences moved later as out of order', () => {
    const l = lines(0, 10);
    const text = [...l.slice(0, 2), ...l.slice(5, 10), ...l.slice(2, 5)];
    expect(checkTranscript(text, { count: 10 }).outOfOrder).toEqual([2, 3, 4]);
  });

  it('finds damaged sentences: a word lost, a word changed, a word added', () => {
    const l = lines(0, 6);
    const lost = l[1]!
      .split(' ')
      .filter((_, k) => k !== 4)
      .join(' ');
    const changed = l[3]!.replace('cobalt', 'copper');
    const added = l[4]!.replace('lima', 'lima nimbus');
    const result = checkTranscript([l[0]!, lost, l[2]!, changed, added, l[5]!], { count: 6 });
    expect(result).toMatchObject({
      ok: false,
      found: [0, 1, 2, 3, 4, 5],
      missing: [],
      duplicated: [],
      outOfOrder: [],
      extra: [],
    });
    expect(result.damaged).toEqual([
      { index: 1, got: 'alpha alpha bravo yankee sierra', want: l[1] },
      { index: 3, got: 'alpha alpha delta ivory xray copper romeo velvet', want: l[3] },
      { index: 4, got: added, want: l[4] },
    ]);
  });

  it('reports a word after a complete sentence as extra: in a word stream it belongs to none', () => {
    const l = lines(0, 2);
    expect(checkTranscript([`${l[0]} nimbus`, l[1]!], { count: 2 })).toEqual({
      ...clean,
      ok: false,
      found: [0, 1],
      extra: ['nimbus'],
    });
  });

  it('is not fooled by content words that spell the next sentence number', () => {
    // Sentence 80908's content begins with "tango yarrow november", the index words of 80909.
    const l = lines(80907, 4);
    expect(l[1]).toBe('tango yarrow mike tango yarrow november raven hotel');
    const lost = l[1]!.replace(' hotel', '');
    const result = checkTranscript([l[0]!, lost, l[2]!, l[3]!], { first: 80907, count: 4 });
    expect(result).toEqual({
      ...clean,
      ok: false,
      found: [80907, 80908, 80909, 80910],
      damaged: [{ index: 80908, got: lost, want: l[1] }],
    });
  });

  it('gives a lost word shared by two sentences to the later one, keeping its index words whole', () => {
    // Sentence 1551 ends with "alpha", and 1552 begins with it: one of them lost it.
    const l = lines(1550, 3);
    const words = l.join(' ').split(' ');
    words.splice(l[0]!.split(' ').length + l[1]!.split(' ').length - 1, 1);
    const result = checkTranscript(words.join(' '), { first: 1550, count: 3 });
    expect(result.damaged).toEqual([{ index: 1551, got: 'alpha yankee papa golf jasper', want: l[1] }]);
    expect(result.found).toEqual([1550, 1551, 1552]);
  });

  it('tells two damaged sentences in a row apart', () => {
    const l = lines(0, 4);
    const a = l[1]!.replace('dawn', 'dusk');
    const b = l[2]!.replace('golf', 'tennis');
    const result = checkTranscript([l[0]!, a, b, l[3]!], { count: 4 });
    expect(result.found).toEqual([0, 1, 2, 3]);
    expect(result.damaged.map((d) => [d.index, d.got])).toEqual([
      [1, a],
      [2, b],
    ]);
  });

  it('recognises a sentence whose index words were damaged by its content, between its neighbours', () => {
    const l = lines(0, 3);
    const damaged = l[1]!.replace('bravo', 'brave');
    const result = checkTranscript([l[0]!, damaged, l[2]!], { count: 3 });
    expect(result).toMatchObject({ ok: false, found: [0, 1, 2], missing: [], extra: [] });
    expect(result.damaged).toEqual([{ index: 1, got: damaged, want: l[1] }]);
  });

  it('reports words that belong to no sentence, and sentences outside the range, as extra', () => {
    const l = lines(0, 3);
    const text = ['[speech 2.3 s]', l[0]!, l[1]!, 'thank you for watching', l[2]!, sentenceText(50)];
    const result = checkTranscript(text, { count: 3 });
    expect(result).toMatchObject({ ok: false, found: [0, 1, 2], missing: [], damaged: [] });
    expect(result.extra).toEqual(['speech 23 s', 'thank you for watching', sentenceText(50)]);
  });

  it('reports a sentence cut short at the end (a lost tail) as damaged', () => {
    const l = lines(0, 3);
    const cut = l[2]!.split(' ').slice(0, 4).join(' ');
    const result = checkTranscript([l[0]!, l[1]!, cut], { count: 3 });
    expect(result.damaged).toEqual([{ index: 2, got: cut, want: l[2] }]);
    expect(result.missing).toEqual([]);
  });

  it('agrees with a seeded simulation of lost, replayed and damaged sentences and arbitrary line breaks', () => {
    let state = 42;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return state / 0x80000000;
    };
    for (let trial = 0; trial < 300; trial++) {
      const first = Math.floor(random() * 5000);
      const count = 20 + Math.floor(random() * 40);
      const missing: number[] = [];
      const duplicated: number[] = [];
      const damaged: number[] = [];
      const spoken: string[] = [];
      for (let i = first; i < first + count; i++) {
        const roll = random();
        if (roll < 0.05) {
          missing.push(i);
          continue;
        }
        const words = sentenceText(i).split(' ');
        if (roll < 0.1) {
          const k = 3 + Math.floor(random() * (words.length - 3)); // a content word
          const how = random();
          if (how < 0.33) words.splice(k, 1);
          else if (how < 0.66) words[k] = VOCAB[(VOCAB.indexOf(words[k]!) + 1 + Math.floor(random() * 62)) % 64]!;
          else words.splice(k, 0, 'um');
          damaged.push(i);
        }
        spoken.push(words.join(' '));
        if (roll > 0.95 && roll < 1) {
          spoken.push(words.join(' '));
          duplicated.push(i);
        }
      }
      const lines: string[] = [];
      let line: string[] = [];
      for (const word of spoken.join(' ').split(' ')) {
        line.push(word);
        if (random() < 0.15) {
          lines.push(line.join(' '));
          line = [];
        }
      }
      lines.push(line.join(' '));
      const result = checkTranscript(lines, { first, count });
      const context = `trial ${trial}: ${formatCheckReport(result)}`;
      expect(result.missing, context).toEqual(missing);
      expect(result.duplicated, context).toEqual(duplicated);
      expect([...new Set(result.damaged.map((d) => d.index))], context).toEqual(damaged);
      expect(result.outOfOrder, context).toEqual([]);
      expect(result.extra, context).toEqual([]);
    }
  });

  it('checks a long transcript quickly', () => {
    const text = lines(0, 3000);
    const started = performance.now();
    expect(checkTranscript(text, { count: 3000 }).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an impossible expected range', () => {
    expect(() => checkTranscript('', { count: -1 })).toThrow(
      'tonecode: expected sentences must be whole numbers within 0..262144, got first 0, count -1',
    );
  });
});

describe('formatCheckReport', () => {
  it('is one line when all is well', () => {
    expect(formatCheckReport(checkTranscript(lines(0, 3), { count: 3 }))).toBe(
      'tonecode transcript OK: 3 sentences, each once, in order',
    );
  });

  it('lists each kind of problem on its own line, with runs collapsed', () => {
    const l = lines(0, 12);
    const text = [l[0]!, l[2]!, l[1]!, l[1]!, l[3]!.replace('ivory', 'ivy'), ...l.slice(8, 10), 'hello world'];
    expect(formatCheckReport(checkTranscript(text, { count: 12 }))).toBe(
      [
        'tonecode transcript has problems: 7 sentences found, 6 missing, 1 duplicated, 1 out of order, 1 damaged, 1 extra',
        '  missing: 4-7, 10-11',
        '  duplicated: 1',
        '  out of order: 2',
        `  damaged #3: got "${l[3]!.replace('ivory', 'ivy')}", want "${l[3]}"`,
        '  extra: "hello world"',
      ].join('\n'),
    );
  });
});
