// Walking Relay connections in tests: every page forward (first/after) or backward (last/before), with the
// pageInfo of each page, so a test can check both the items and what each page said about its neighbours.
import { expect } from 'vitest';

export interface PageOf<T> {
  totalCount?: number;
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const MAX_PAGES = 100;

/** Every page from the start, following endCursor; items in list order. */
export async function walkForward<T>(fetch: (after: string | null) => Promise<PageOf<T>>) {
  const pages: PageOf<T>[] = [];
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await fetch(after);
    pages.push(page);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { pages, items: pages.flatMap((page) => page.edges.map((edge) => edge.node)) };
}

/** Every page from the end, following startCursor; items in list order. */
export async function walkBackward<T>(fetch: (before: string | null) => Promise<PageOf<T>>) {
  const pages: PageOf<T>[] = [];
  let before: string | null = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await fetch(before);
    pages.unshift(page);
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
  }
  return { pages, items: pages.flatMap((page) => page.edges.map((edge) => edge.node)) };
}

/** Relay's rules for a list walked from either end: only the first page has no previous, the last no next. */
export function expectConsistentPageInfo<T>(pages: PageOf<T>[]): void {
  pages.forEach((page, i) => {
    expect(page.pageInfo.hasPreviousPage, `page ${i}: hasPreviousPage`).toBe(i > 0);
    expect(page.pageInfo.hasNextPage, `page ${i}: hasNextPage`).toBe(i < pages.length - 1);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
  });
}

/** The connection at `path` of a result's data, failing on errors. */
export function connectionOf<T>(result: { data?: unknown; errors?: readonly unknown[] }, path: string): PageOf<T> {
  expect(result.errors).toBeUndefined();
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], result.data) as PageOf<T>;
}
