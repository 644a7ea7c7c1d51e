import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageRequest, type PageArgs } from '../../../src/lib/keyset/index.js';

function refusal(args: PageArgs): AppError {
  try {
    pageRequest(args);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    return error as AppError;
  }
  throw new Error('the arguments were accepted');
}

describe('Page request: which way to page, how far, from where', () => {
  it('pages forward by default, DEFAULT_PAGE_SIZE items from the start', () => {
    expect(pageRequest({})).toEqual({
      backward: false,
      size: DEFAULT_PAGE_SIZE,
      cursor: null,
      cursorArgument: 'after',
    });
  });

  it('pages forward with first/after and backward with last/before', () => {
    expect(pageRequest({ first: 5, after: 'a' })).toEqual({
      backward: false,
      size: 5,
      cursor: 'a',
      cursorArgument: 'after',
    });
    expect(pageRequest({ last: 7, before: 'b' })).toEqual({
      backward: true,
      size: 7,
      cursor: 'b',
      cursorArgument: 'before',
    });
  });

  it('reads `last` alone as the end of the list and `before` alone as a default-size page back', () => {
    expect(pageRequest({ last: 3 })).toMatchObject({ backward: true, size: 3, cursor: null });
    expect(pageRequest({ before: 'b' })).toMatchObject({ backward: true, size: DEFAULT_PAGE_SIZE, cursor: 'b' });
  });

  it('treats null like an absent argument (GraphQL variables are often null)', () => {
    expect(pageRequest({ first: null, after: null, last: 2, before: null })).toMatchObject({ backward: true, size: 2 });
  });

  it.each([
    [{ first: 0 }, /"first" must be between 1 and 100; got 0/],
    [{ first: MAX_PAGE_SIZE + 1 }, /"first" must be between 1 and 100; got 101\. Page through larger lists/],
    [{ last: -1 }, /"last" must be between 1 and 100; got -1\. Page back/],
    [{ first: 2.5 }, /"first" must be between/],
    [{ first: 1, last: 1 }, /not both/],
    [{ after: 'a', before: 'b' }, /not both/],
    [{ first: 1, before: 'b' }, /"before" pages back: use it with "last"/],
    [{ last: 1, after: 'a' }, /"after" pages forward: use it with "first"/],
  ])('refuses %o with a message saying what to send', (args, message) => {
    expect(refusal(args).message).toMatch(message);
  });

  it('names the offending argument in the error details', () => {
    expect(refusal({ last: 500 }).details).toEqual({ argument: 'last', max: MAX_PAGE_SIZE });
  });
});
