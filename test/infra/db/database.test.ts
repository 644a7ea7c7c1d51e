// The Database port on the configured backend: the same test body runs on embedded PGlite (default) and on
// PostgreSQL + pgvector (TEST_DATABASE_URL), through Prisma and through the raw SQL driver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openPglite, openPostgres, readMigrationFiles, type Database } from '../../../src/infra/db/index.js';
import {
  backendName,
  createScratchDatabase,
  dropScratchDatabase,
  MIGRATIONS_DIR,
  openTestDatabase,
  testDatabaseUrl,
  type TestDatabase,
} from '../../support/backends.js';

const DIMENSIONS = 384;

let test: TestDatabase;
let db: Database;

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
});

afterAll(async () => {
  await test?.close();
});

let serial = 0;
/** A login / repository name no other test in this file uses. */
const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`;

const countUsers = (loginPrefix: string) => db.prisma.user.count({ where: { login: { startsWith: loginPrefix } } });

/** Runs `work` and returns what it rejects with (fails the test when it resolves). */
async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe(`Database (${backendName}): CRUD through Prisma`, () => {
  it('creates a user and a repository it owns, and reads each through the owner relation', async () => {
    const login = unique('octo');
    const owner = await db.prisma.user.create({
      data: {
        login,
        githubId: 9_007_199_254_740_993n,
        type: 'ORGANIZATION',
        name: 'Octo Org',
        createdAt: new Date('2011-01-25T18:44:36Z'),
      },
    });
    const repository = await db.prisma.repository.create({
      data: {
        fullName: `${login}/hello-world`,
        name: 'hello-world',
        topics: ['graphql', 'typescript'],
        stars: 1_234,
        pushedAt: new Date('2026-11-01T12:00:00.123Z'),
        owner: { connect: { id: owner.id } },
      },
    });

    const read = await db.prisma.repository.findUniqueOrThrow({
      where: { id: repository.id },
      include: { owner: true },
    });
    expect(read.owner).toEqual(owner);
    expect(read).toMatchObject({
      fullName: `${login}/hello-world`,
      ownerId: owner.id,
      topics: ['graphql', 'typescript'],
      stars: 1_234,
      forks: 0, // column default
      formerNames: [],
      pushedAt: new Date('2026-11-01T12:00:00.123Z'),
    });
    // A BigInt beyond 2^53 survives exactly; the enum and dates come back typed.
    expect(read.owner.githubId).toBe(9_007_199_254_740_993n);
    expect(read.owner.type).toBe('ORGANIZATION');
    expect(read.insertedAt).toBeInstanceOf(Date);

    const withRepositories = await db.prisma.user.findUniqueOrThrow({
      where: { login },
      include: { repositories: true },
    });
    expect(withRepositories.repositories.map((r) => r.fullName)).toEqual([`${login}/hello-world`]);
  });

  it('creates a repository and its owner in one nested write', async () => {
    const login = unique('nested');
    const repository = await db.prisma.repository.create({
      data: { fullName: `${login}/app`, name: 'app', owner: { create: { login } } },
      include: { owner: true },
    });
    expect(repository.owner.login).toBe(login);
    expect(await db.prisma.user.count({ where: { login } })).toBe(1);
  });

  it('updates and deletes rows', async () => {
    const login = unique('upd');
    const user = await db.prisma.user.create({ data: { login } });
    const repository = await db.prisma.repository.create({
      data: { fullName: `${login}/r`, name: 'r', ownerId: user.id },
    });

    const updated = await db.prisma.repository.update({
      where: { id: repository.id },
      data: { stars: { increment: 5 }, topics: { push: 'new-topic' }, description: 'now described' },
    });
    expect(updated).toMatchObject({ stars: 5, topics: ['new-topic'], description: 'now described' });

    await db.prisma.repository.delete({ where: { id: repository.id } });
    expect(await db.prisma.repository.findUnique({ where: { id: repository.id } })).toBeNull();
    await db.prisma.user.delete({ where: { id: user.id } });
    expect(await db.prisma.user.findUnique({ where: { login } })).toBeNull();
  });

  it('refuses to delete a user who still owns repositories, and keeps both', async () => {
    const login = unique('owner');
    const user = await db.prisma.user.create({
      data: { login, repositories: { create: { fullName: `${login}/kept`, name: 'kept' } } },
    });

    expect(String(await rejectionOf(db.prisma.user.delete({ where: { id: user.id } })))).toMatch(
      /foreign key|repositories_owner_id_fkey/i,
    );
    expect(await db.prisma.user.count({ where: { id: user.id } })).toBe(1);
    expect(await db.prisma.repository.count({ where: { ownerId: user.id } })).toBe(1);
  });

  it('treats logins and full names as unique regardless of case, as GitHub does', async () => {
    const login = unique('Case');
    await db.prisma.user.create({ data: { login } });
    expect(await rejectionOf(db.prisma.user.create({ data: { login: login.toLowerCase() } }))).toMatchObject({
      code: 'P2002',
    });
    expect(await db.prisma.user.count({ where: { login: { equals: login, mode: 'insensitive' } } })).toBe(1);
  });
});

describe(`Database (${backendName}): transactions commit together or not at all`, () => {
  it('prisma.$transaction: a throwing callback writes nothing', async () => {
    const prefix = unique('ptx-rollback');
    const failure = new Error('changed my mind');
    const error = await rejectionOf(
      db.prisma.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { login: `${prefix}-a` } });
        await tx.repository.create({ data: { fullName: `${prefix}/r`, name: 'r', ownerId: user.id } });
        expect(await tx.user.count({ where: { login: { startsWith: prefix } } })).toBe(1); // visible inside
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await countUsers(prefix)).toBe(0);
    expect(await db.prisma.repository.count({ where: { fullName: `${prefix}/r` } })).toBe(0);
  });

  it('prisma.$transaction: a callback that completes commits every write', async () => {
    const prefix = unique('ptx-commit');
    const result = await db.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { login: `${prefix}-a` } });
      await tx.repository.create({ data: { fullName: `${prefix}/r`, name: 'r', ownerId: user.id } });
      return user.id;
    });
    expect(await db.prisma.user.findUnique({ where: { id: result } })).not.toBeNull();
    expect(await db.prisma.repository.count({ where: { fullName: `${prefix}/r` } })).toBe(1);
  });

  it('prisma.$transaction([...]): one failing statement undoes the others', async () => {
    const prefix = unique('ptx-batch');
    await db.prisma.user.create({ data: { login: `${prefix}-taken` } });
    const error = await rejectionOf(
      db.prisma.$transaction([
        db.prisma.user.create({ data: { login: `${prefix}-new` } }),
        db.prisma.user.create({ data: { login: `${prefix}-taken` } }), // unique violation
      ]),
    );
    expect(error).toMatchObject({ code: 'P2002' });
    expect(await db.prisma.user.findUnique({ where: { login: `${prefix}-new` } })).toBeNull();
  });

  it('sql.transaction: a throwing callback writes nothing and rethrows its error', async () => {
    const prefix = unique('sqltx-rollback');
    const failure = new Error('abort');
    const error = await rejectionOf(
      db.sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO users (login) VALUES ($1), ($2)`, [`${prefix}-a`, `${prefix}-b`]);
        expect(await tx.query(`SELECT count(*)::int AS n FROM users WHERE login LIKE $1`, [`${prefix}%`])).toEqual([
          { n: 2 },
        ]);
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await countUsers(prefix)).toBe(0);
  });

  it('sql.transaction: a failing statement rolls back the statements before it', async () => {
    const prefix = unique('sqltx-failing');
    const error = await rejectionOf(
      db.sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO users (login) VALUES ($1)`, [`${prefix}-a`]);
        await tx.query(`INSERT INTO repositories (full_name, name, owner_id) VALUES ($1, 'x', -1)`, [`${prefix}/x`]); // no such owner
      }),
    );
    expect(String(error)).toMatch(/repositories_owner_id_fkey/);
    expect(await countUsers(prefix)).toBe(0);
  });

  it('sql.transaction: a callback that completes commits and returns its value', async () => {
    const prefix = unique('sqltx-commit');
    const ids = await db.sql.transaction(async (tx) => {
      const rows = await tx.query<{ id: number }>(`INSERT INTO users (login) VALUES ($1), ($2) RETURNING id`, [
        `${prefix}-a`,
        `${prefix}-b`,
      ]);
      await tx.exec(`UPDATE users SET bio = 'multi-statement exec' WHERE login LIKE '${prefix}%'; SELECT 1;`);
      return rows.map((row) => row.id);
    });
    expect(ids).toHaveLength(2);
    const users = await db.prisma.user.findMany({ where: { id: { in: ids } } });
    expect(users.map((user) => user.bio)).toEqual(['multi-statement exec', 'multi-statement exec']);
  });

  it('sql.transaction opened inside a transaction joins it: the outer rollback undoes the inner writes', async () => {
    const prefix = unique('sqltx-nested');
    const error = await rejectionOf(
      db.sql.transaction(async (outer) => {
        await outer.query(`INSERT INTO users (login) VALUES ($1)`, [`${prefix}-outer`]);
        await outer.transaction(async (inner) => {
          // Sees the outer transaction's uncommitted row: the same transaction.
          expect(
            await inner.query(`SELECT count(*)::int AS n FROM users WHERE login = $1`, [`${prefix}-outer`]),
          ).toEqual([{ n: 1 }]);
          await inner.query(`INSERT INTO users (login) VALUES ($1)`, [`${prefix}-inner`]);
        });
        throw new Error('outer fails after the inner part completed');
      }),
    );
    expect(error).toEqual(new Error('outer fails after the inner part completed'));
    expect(await countUsers(prefix)).toBe(0);
  });
});

// ───────────────────────────── vectors ─────────────────────────────

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function unitVectors(count: number, seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    // Gaussian components (Box-Muller) give directions uniform on the sphere.
    const v = Array.from(
      { length: DIMENSIONS },
      () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    );
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

/** Cosine distance as pgvector computes it, on the float4 values it stores. */
function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = Math.fround(a[i]!);
    const y = Math.fround(b[i]!);
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return 1 - dot / Math.sqrt(na * nb);
}

const toSql = (v: readonly number[]) => JSON.stringify(v);

describe(`Database (${backendName}): pgvector embeddings`, () => {
  const vectors = unitVectors(50, 20261123);
  let owner: number;
  let ids: number[] = [];

  beforeAll(async () => {
    const login = unique('vectors');
    owner = (await db.prisma.user.create({ data: { login } })).id;
    // One statement for all rows: arrays of text, the vectors cast as ::text[]::vector[] (PGlite rejects ::vector[]).
    const rows = await db.sql.query<{ id: number; name: string }>(
      `INSERT INTO repositories (full_name, name, owner_id, embedding)
       SELECT $1 || '/' || t.name, t.name, $2, t.embedding
         FROM unnest($3::text[], $4::text[]::vector[]) AS t(name, embedding)
       RETURNING id, name`,
      [login, owner, vectors.map((_, i) => `v${i}`), vectors.map(toSql)],
    );
    expect(rows).toHaveLength(vectors.length);
    ids = vectors.map((_, i) => rows.find((row) => row.name === `v${i}`)!.id);
  });

  it('stores many vectors in one statement and reads them back as 384 floats', async () => {
    const stored = await db.sql.query<{ id: number; dims: number; text: string }>(
      `SELECT id, vector_dims(embedding) AS dims, embedding::text AS text FROM repositories WHERE id = ANY($1::int[])`,
      [ids],
    );
    expect(stored).toHaveLength(vectors.length);
    for (const row of stored) {
      expect(row.dims).toBe(DIMENSIONS);
      const original = vectors[ids.indexOf(row.id)]!;
      const read = JSON.parse(row.text) as number[];
      read.forEach((x, i) => expect(x).toBeCloseTo(original[i]!, 6));
    }
  });

  it('updates many vectors in one statement, casting each text element ::vector', async () => {
    const login = unique('vector-update');
    const users = [];
    for (const i of [0, 1, 2]) users.push(await db.prisma.user.create({ data: { login: `${login}-${i}` } }));
    const fresh = unitVectors(3, 7);
    await db.sql.query(
      `UPDATE users AS u SET embedding = v.embedding::vector
         FROM unnest($1::int[], $2::text[]) AS v(id, embedding) WHERE u.id = v.id`,
      [users.map((user) => user.id), fresh.map(toSql)],
    );
    const distances = await db.sql.query<{ id: number; d: number }>(
      `SELECT id, embedding <=> $2::vector AS d FROM users WHERE id = ANY($1::int[]) ORDER BY id`,
      [users.map((user) => user.id), toSql(fresh[1]!)],
    );
    expect(distances.map((row) => row.d > 1e-6)).toEqual([true, false, true]); // only user 1 holds fresh[1]
  });

  it('orders an exact nearest-neighbour query by cosine distance, as brute force does', async () => {
    for (const probe of [0, 17, 49]) {
      const query = vectors[probe]!;
      const rows = await db.sql.transaction(async (tx) => {
        await tx.exec('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off');
        return tx.query<{ id: number; distance: number }>(
          `SELECT id, embedding <=> $1::vector AS distance FROM repositories
            WHERE owner_id = $2 ORDER BY embedding <=> $1::vector LIMIT $3`,
          [toSql(query), owner, vectors.length],
        );
      });
      const bruteForce = vectors
        .map((v, i) => ({ id: ids[i]!, distance: cosineDistance(query, v) }))
        .sort((a, b) => a.distance - b.distance);

      expect(rows[0]?.id).toBe(ids[probe]); // the query's own row first
      expect(rows[0]!.distance).toBeCloseTo(0, 5);
      expect(rows.map((row) => row.id)).toEqual(bruteForce.map((row) => row.id));
      rows.forEach((row, i) => expect(row.distance).toBeCloseTo(bruteForce[i]!.distance, 5));
    }
  });

  it('has a valid HNSW cosine index on repositories.embedding that answers nearest-neighbour queries', async () => {
    const index = await db.sql.query<{ indexdef: string; valid: boolean; ready: boolean }>(
      `SELECT i.indexdef, x.indisvalid AS valid, x.indisready AS ready
         FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.schemaname = 'public' AND i.tablename = 'repositories' AND i.indexname = 'repositories_embedding_hnsw_idx'`,
    );
    expect(index).toHaveLength(1);
    expect(index[0]).toMatchObject({ valid: true, ready: true });
    expect(index[0]!.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);

    const query = vectors[3]!;
    const { plan, rows } = await db.sql.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      const sql = `SELECT id FROM repositories ORDER BY embedding <=> $1::vector LIMIT 5`;
      const explained = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [toSql(query)]);
      return {
        plan: explained.map((row) => row['QUERY PLAN']).join('\n'),
        rows: await tx.query<{ id: number }>(sql, [toSql(query)]),
      };
    });
    expect(plan).toMatch(/Index Scan using repositories_embedding_hnsw_idx/);
    // Approximate in general; on 50 points the graph finds the exact neighbours, the query's own row first.
    expect(rows[0]?.id).toBe(ids[3]);
    const bruteForce = vectors.map((v, i) => ({ id: ids[i]!, d: cosineDistance(query, v) })).sort((a, b) => a.d - b.d);
    expect(rows.map((row) => row.id)).toEqual(bruteForce.slice(0, 5).map((row) => row.id));
  });
});

// ───────────────────────────── durability ─────────────────────────────

/** A database on the configured backend that can be closed and opened again on the same storage. */
async function reopenableDatabase(): Promise<{ open(): Promise<Database>; dispose(): Promise<void> }> {
  if (testDatabaseUrl) {
    const url = await createScratchDatabase(testDatabaseUrl);
    return {
      open: () => openPostgres({ url, poolSize: 2 }),
      dispose: () => dropScratchDatabase(testDatabaseUrl!, url),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ost-pglite-'));
  return {
    open: () => openPglite(join(dir, 'data')), // a directory that does not exist yet: created on first open
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe(`Database (${backendName}): data survives a restart`, () => {
  it('keeps rows, vectors and the migration history after close and reopen', async () => {
    const storage = await reopenableDatabase();
    try {
      const files = readMigrationFiles(MIGRATIONS_DIR);
      const embedding = unitVectors(1, 99)[0]!;

      const first = await storage.open();
      expect((await migrate(first.sql, files)).applied).toEqual(files.map((file) => file.name));
      const user = await first.prisma.user.create({
        data: {
          login: 'persisted',
          repositories: { create: { fullName: 'persisted/repo', name: 'repo', topics: ['kept'] } },
        },
      });
      await first.sql.query(`UPDATE users SET embedding = $1::vector WHERE id = $2`, [toSql(embedding), user.id]);
      await first.close();
      await expect(first.ping()).rejects.toThrow();

      const second = await storage.open();
      try {
        await second.ping();
        expect(await migrate(second.sql, files)).toEqual({ applied: [], alreadyApplied: files.length });
        const read = await second.prisma.user.findUniqueOrThrow({
          where: { login: 'persisted' },
          include: { repositories: true },
        });
        expect(read.id).toBe(user.id);
        expect(read.repositories.map((r) => [r.fullName, r.topics])).toEqual([['persisted/repo', ['kept']]]);
        const [distance] = await second.sql.query<{ d: number }>(
          `SELECT embedding <=> $1::vector AS d FROM users WHERE id = $2`,
          [toSql(embedding), user.id],
        );
        expect(distance?.d).toBeCloseTo(0, 5);
        // New rows continue the sequences instead of colliding with the old ones.
        const next = await second.prisma.user.create({ data: { login: 'after-restart' } });
        expect(next.id).toBeGreaterThan(user.id);
      } finally {
        await second.close();
      }
    } finally {
      await storage.dispose();
    }
  });
});
