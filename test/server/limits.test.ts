import { getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS } from '../../src/server/index.js';
import { createMaxAliasesRule } from '../../src/server/validation/max-aliases-rule.js';
import { createMaxDepthRule } from '../../src/server/validation/max-depth-rule.js';
import { postGraphQL, resolverCalls, startTestServer, testSchema, type TestServer } from './test-server.js';

/** `{ nested { child { ... value } } }`, `levels` fields deep. */
const nestedQuery = (levels: number): string =>
  `{ nested { ${'child { '.repeat(levels - 2)}value${' }'.repeat(levels - 2)} } }`;

describe('Validation: MaxDepthRule', () => {
  const depthErrors = (query: string, max: number) => validate(testSchema, parse(query), [createMaxDepthRule(max)]);

  it('accepts an operation exactly as deep as the limit and refuses one level more', () => {
    expect(depthErrors(nestedQuery(4), 4)).toEqual([]);
    const errors = depthErrors(nestedQuery(5), 4);
    expect(errors.map((error) => error.message)).toEqual([
      'Operation is 5 levels deep; the limit is 4. Select fewer nested levels and fetch deeper data in a follow-up query.',
    ]);
  });

  it('measures depth through named and inline fragments', () => {
    const query = `
      query Deep { nested { ...A } }
      fragment A on Nested { child { ... on Nested { child { ...B } } } }
      fragment B on Nested { child { value } }`;
    expect(depthErrors(query, 5)).toEqual([]);
    expect(depthErrors(query, 4)[0]?.message).toMatch(/^Operation "Deep" is 5 levels deep/);
  });

  it('terminates on fragment cycles, leaving them to NoFragmentCyclesRule', () => {
    const query = 'query { nested { ...A } } fragment A on Nested { child { ...A } }';
    const errors = validate(testSchema, parse(query), [...specifiedRules, createMaxDepthRule(12)]);
    expect(errors.map((error) => error.message)).toEqual(['Cannot spread fragment "A" within itself.']);
  });

  it("lets GraphiQL's full introspection query through", () => {
    const errors = validate(testSchema, parse(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true })), [
      ...specifiedRules,
      createMaxDepthRule(DEFAULT_QUERY_LIMITS.maxDepth),
      createMaxAliasesRule(DEFAULT_QUERY_LIMITS.maxAliases),
    ]);
    expect(errors).toEqual([]);
  });
});

describe('Validation: MaxAliasesRule', () => {
  it('counts aliases once per fragment spread', () => {
    const query =
      'query { ...F ...F2 } fragment F on Query { a: hello b: hello } fragment F2 on Query { nested { ...G } ...G2 } fragment G on Nested { x: value } fragment G2 on Query { y: hello }';
    expect(validate(testSchema, parse(query), [createMaxAliasesRule(4)])).toEqual([]);
    expect(validate(testSchema, parse(query), [createMaxAliasesRule(3)])[0]?.message).toMatch(
      /^Operation uses 4 aliases; the limit is 3/,
    );
  });
});

describe('Server: query limits over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.server.close();
  });

  it('refuses a query deeper than 12 levels with 400 BAD_USER_INPUT before running it', async () => {
    expect((await postGraphQL(t.base, { query: nestedQuery(12) })).status).toBe(200);
    const { status, body } = await postGraphQL(t.base, { query: nestedQuery(13) });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/is 13 levels deep; the limit is 12/);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('refuses an operation with too many aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: slow(ms: 1000)`).join(' ');
    const callsBefore = resolverCalls.slow;
    const { status, body } = await postGraphQL(t.base, { query: `{ ${aliases} }` });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/uses 31 aliases; the limit is 30/);
    expect(resolverCalls.slow).toBe(callsBefore); // refused, not executed
  });

  it('refuses a document with more tokens than allowed, while parsing', async () => {
    const limited = await startTestServer({ limits: { maxTokens: 50 } });
    try {
      const fields = Array.from({ length: 60 }, () => 'hello').join(' ');
      const { status, body } = await postGraphQL(limited.base, { query: `{ ${fields} }` });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/Document contains more that 50 tokens/);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    } finally {
      await limited.server.close();
    }
  });

  it('answers the introspection query GraphiQL sends', async () => {
    const { status, body } = await postGraphQL(t.base, { query: getIntrospectionQuery() });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.['__schema']).toBeDefined();
  });
});
