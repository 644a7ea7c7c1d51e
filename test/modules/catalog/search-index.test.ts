// Keyword search is served by the GIN indexes over the generated search_vector columns (catalog_search
// migration): EXPLAIN of the very statements the services send, on 5,000 analysed rows per table whose words
// repeat like real descriptions do (PostgreSQL estimates how rare a word is from its most common words).
//
// On tables this small a sequential scan is cheaper, and PostgreSQL rightly prefers it, so the plans are taken
// with `SET LOCAL enable_seqscan = off`. That setting forbids nothing else: the statement could still walk its
// ordering's index (stars, names, followers) and test every row; the plans show it looks the words up in the
// GIN index instead. (Without any setting, PostgreSQL chooses the GIN index by itself from about 50,000
// repositories on; measured by hand, too slow to build in a unit test.)
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../../src/generated/prisma/client.js';
import type { SqlDriver } from '../../../src/infra/db/index.js';
import { pageSql } from '../../../src/lib/keyset/page-query.js';
import { repositoryListQuery, type RepositoryListRequest } from '../../../src/modules/catalog/repositories/index.js';
import { repositorySource } from '../../../src/modules/catalog/repositories/repositories.service.js';
import { topicListQuery, type TopicListRequest } from '../../../src/modules/catalog/topics/topics.query.js';
import { topicSource } from '../../../src/modules/catalog/topics/topics.service.js';
import { userListQuery, type UserListRequest } from '../../../src/modules/catalog/users/users.query.js';
import { userSource } from '../../../src/modules/catalog/users/users.service.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';

const ROWS = 5_000;
// Three words per row from vocabularies of about 400, so each word is common enough to have statistics.
const WORDS = (g: string) => `'word' || (${g} % 397) || ' term' || (${g} * 7 % 401) || ' thing' || (${g} * 13 % 409)`;

async function explain(sql: SqlDriver, statement: Prisma.Sql): Promise<string> {
  return sql.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_seqscan = off');
    const rows = await tx.query<Record<string, string>>(`EXPLAIN ${statement.text}`, statement.values);
    return rows.map((row) => Object.values(row)[0]).join('\n');
  });
}

describe(`Catalog search (${backendName}): keyword filters read the search indexes`, () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase();
    await test.db.sql.exec(`
      INSERT INTO users (login, name, bio, followers)
        SELECT 'user' || g, 'Person ' || g, ${WORDS('g')}, g FROM generate_series(1, ${ROWS}) g;
      INSERT INTO users (login, name) VALUES ('needlewoman', 'Ada');
      INSERT INTO repositories (full_name, name, owner_id, description, topics, stars)
        SELECT 'user1/r' || g, 'r' || g, (SELECT id FROM users WHERE login = 'user1'), ${WORDS('g')},
               ARRAY['t' || (g % 211), 'x' || (g % 199)], g
          FROM generate_series(1, ${ROWS}) g;
      INSERT INTO repositories (full_name, name, owner_id, description, stars)
        VALUES ('user1/haystack', 'haystack', (SELECT id FROM users WHERE login = 'user1'), 'find the needle', 1);
      INSERT INTO topics (name, short_description) SELECT 'topic-' || g, ${WORDS('g')} FROM generate_series(1, ${ROWS}) g;
      INSERT INTO topics (name, short_description) VALUES ('needles', 'pins and needles');
      ANALYZE users; ANALYZE repositories; ANALYZE topics;
    `);
  });
  afterAll(() => test?.close());

  const repositories = (request: RepositoryListRequest) => {
    const query = repositoryListQuery(request);
    return pageSql(repositorySource(query), query.plan);
  };

  it.each([
    ['the default ordering (stars)', { filter: { text: 'needle' } }],
    ['RELEVANCE, with another filter', { filter: { text: 'needle', minStars: 0 }, orderBy: { field: 'RELEVANCE' } }],
    ['names, paging back', { filter: { text: 'needle' }, orderBy: { field: 'NAME' }, last: 5 }],
    ['two words', { filter: { text: 'find needle' } }],
  ] as const)('repositories under %s: a GIN index scan, no walk of the ordering', async (_name, request) => {
    const plan = await explain(test.db.sql, repositories(request));
    expect(plan).toMatch(/Bitmap Index Scan on repositories_search_vector_idx/);
    expect(plan).not.toMatch(/Index Scan using repositories_(stars|name_lower)_id_idx/);
  });

  it('repositories: the statement finds the one match among 5,001 rows', async () => {
    const rows = await test.db.prisma.$queryRaw<Array<{ fullName: string }>>(
      repositories({ filter: { text: 'needle' } }),
    );
    expect(rows.map((row) => row.fullName)).toEqual(['user1/haystack']);
  });

  it('users: a GIN index scan on users_search_vector_idx, not a walk by followers', async () => {
    const query = userListQuery({ filter: { text: 'needlewo' } } satisfies UserListRequest);
    const plan = await explain(test.db.sql, pageSql(userSource(query), query.plan));
    expect(plan).toMatch(/Bitmap Index Scan on users_search_vector_idx/);
    expect(plan).not.toMatch(/Index Scan using users_followers_id_idx/);
  });

  it.each([null, { field: 'REPOSITORY_COUNT' as const }])(
    'topics ordered by %o: a GIN index scan on topics_search_vector_idx, not a walk by name',
    async (orderBy) => {
      const query = topicListQuery({ filter: { text: 'pins' }, orderBy } satisfies TopicListRequest);
      const plan = await explain(test.db.sql, pageSql(topicSource(query), query.plan));
      expect(plan).toMatch(/Bitmap Index Scan on topics_search_vector_idx/);
      expect(plan).not.toMatch(/Index Scan using topics_name_key/);
    },
  );
});
