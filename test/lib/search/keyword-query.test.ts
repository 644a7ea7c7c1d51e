import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { keywordQuery } from '../../../src/lib/search/keyword-query.js';

const refusal = (text: string) => {
  try {
    keywordQuery(text, 'filter.text');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('accepted');
};

describe('Keyword query: search text as a tsquery of prefixes', () => {
  it('makes every word a lower-case prefix, all of them required', () => {
    expect(keywordQuery('  Tensor   Flow ', 'filter.text')).toBe(`'tensor':* & 'flow':*`);
  });

  it('quotes words so that tsquery syntax in them is only text', () => {
    expect(keywordQuery(`o'reilly a\\b !x&y`, 'filter.text')).toBe(`'o''reilly':* & 'a\\\\b':* & '!x&y':*`);
  });

  it('drops words with neither letters nor digits (operators, punctuation)', () => {
    expect(keywordQuery('react & | ! :*', 'filter.text')).toBe(`'react':*`);
  });

  it('keeps letters of any script', () => {
    expect(keywordQuery('Übersetzung 漢字', 'filter.text')).toBe(`'übersetzung':* & '漢字':*`);
  });

  it.each([
    ['', /has no word to search for/],
    ['!!! ...', /has no word to search for/],
    ['w '.repeat(11), /too many words: at most 10/],
    ['x'.repeat(201), /too long: at most 200 characters/],
  ])('refuses %j with BAD_USER_INPUT naming the argument', (text, message) => {
    const error = refusal(text);
    expect(error).toMatch(message);
    expect(error).toMatch(/"filter.text"/);
  });
});
