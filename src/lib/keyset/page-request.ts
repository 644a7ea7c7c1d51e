// Relay pagination arguments (first/after forward, last/before backward), checked once for every list of the API.
// Combinations the Relay spec leaves open but no client needs (first with last, after with before, first with
// before, last with after) are refused: their meaning is surprising and a mistake is likelier than intent.
import { badInput } from '../../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  /** Paging backward (last/before): rows are read in reverse order, then put back in list order. */
  readonly backward: boolean;
  readonly size: number;
  /** The opaque cursor to continue from, undecoded (the ordering decodes it). */
  readonly cursor: string | null;
  /** Which argument the cursor came from, for error messages. */
  readonly cursorArgument: 'after' | 'before';
}

function checkSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    const then = argument === 'first' ? 'Page through larger lists with "after"' : 'Page back with "before"';
    throw badInput(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}; got ${value}. ${then}.`, {
      argument,
      max: MAX_PAGE_SIZE,
    });
  }
  return value;
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

export function pageRequest(args: PageArgs): PageRequest {
  const { first, after, last, before } = args;
  if (given(first) && given(last)) {
    throw badInput('Pass "first" (with "after") to page forward or "last" (with "before") to page back, not both.', {
      argument: 'last',
    });
  }
  if (given(after) && given(before)) {
    throw badInput('Pass "after" (with "first") or "before" (with "last"), not both: a page has one starting point.', {
      argument: 'before',
    });
  }
  if (given(first) && given(before)) {
    throw badInput('"before" pages back: use it with "last", not "first".', { argument: 'before' });
  }
  if (given(last) && given(after)) {
    throw badInput('"after" pages forward: use it with "first", not "last".', { argument: 'after' });
  }
  if (given(last) || given(before)) {
    return {
      backward: true,
      size: given(last) ? checkSize(last, 'last') : DEFAULT_PAGE_SIZE,
      cursor: before ?? null,
      cursorArgument: 'before',
    };
  }
  return {
    backward: false,
    size: given(first) ? checkSize(first, 'first') : DEFAULT_PAGE_SIZE,
    cursor: after ?? null,
    cursorArgument: 'after',
  };
}
