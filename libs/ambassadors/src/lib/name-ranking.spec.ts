import { transposedVariants, variantGate } from './directory-search.query';

describe('transposedVariants', () => {
  it('swaps each pair of neighbouring letters once, in lower case', () => {
    expect(transposedVariants('Jonh')).toEqual({
      queries: ['ojnh', 'jnoh', 'john'],
      words: ['ojnh', 'jnoh', 'john'],
    });
  });

  it('swaps within one word at a time and keeps the other words', () => {
    expect(transposedVariants('  Li   Ann ')).toEqual({
      queries: ['il ann', 'li nan'],
      words: ['il', 'nan'],
    });
    expect(transposedVariants('ab ab')).toEqual({
      queries: ['ba ab', 'ab ba'],
      words: ['ba', 'ba'],
    });
  });

  it('leaves punctuation and doubled letters in place', () => {
    expect(transposedVariants("o'nl")).toEqual({ queries: ["o'ln"], words: ["o'ln"] });
    expect(transposedVariants('a-b')).toEqual({ queries: [], words: [] });
    expect(transposedVariants('aa')).toEqual({ queries: [], words: [] });
  });

  it('gives no variants for a single letter or a long query', () => {
    expect(transposedVariants('j').queries).toEqual([]);
    expect(transposedVariants('abcdefghij abcdefghij abcdefghijk').queries).toEqual([]);
  });

  it('swaps letters beyond the Latin alphabet as whole characters', () => {
    expect(transposedVariants('Zoë').words).toEqual(['ozë', 'zëo']);
  });
});

describe('variantGate', () => {
  it('matches a word of the name that starts with a corrected word, whatever regex characters the query holds', () => {
    const gate = variantGate(['john', 'a.b', 'x(y', 'q\\z', 'john']);
    expect(gate).toBe('\\m(john|a\\.b|x\\(y|q\\\\z)');
  });
});
