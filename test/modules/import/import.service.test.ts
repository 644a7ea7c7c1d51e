// ImportService against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): what lands in the tables,
// what is reported, and what happens when a run is re-run, changed, cancelled or fails half-way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import {
  ImportService,
  silentProgress,
  type FileSummary,
  type ImportSummary,
} from '../../../src/modules/import/index.js';
import { backendName, openTestDatabase, type TestDatabase } from '../../support/backends.js';
import { ALL_FIXTURES, emptyCatalog, fixture, jsonlFile, rowCounts } from './fixtures.js';
import { RecordingProgress } from './progress.fake.js';

const logger = createLogger('silent');

const counts = (file: FileSummary | undefined) => {
  if (!file) throw new Error('no summary for that file');
  const { read, inserted, updated, unchanged, duplicates, rejected } = file;
  return { read, inserted, updated, unchanged, duplicates, rejected };
};
const fileOf = (summary: ImportSummary, kind: FileSummary['kind']) => summary.files.find((f) => f.kind === kind);

describe(`Import: ImportService on ${backendName}`, () => {
  let test: TestDatabase;
  let importer: ImportService;

  beforeAll(async () => {
    test = await openTestDatabase();
    importer = new ImportService({ db: test.db, logger });
  });
  afterAll(async () => {
    await test?.close();
  });
  beforeEach(async () => {
    await emptyCatalog(test.db.sql);
  });

  it('imports the fixture files and counts every line as inserted, updated, unchanged, duplicate or rejected', async () => {
    const summary = await importer.importFiles(ALL_FIXTURES, silentProgress());

    expect(summary.files.map((f) => f.kind)).toEqual([
      'topics',
      'users',
      'repositories',
      'provenance',
      'contributions',
    ]);
    expect(counts(fileOf(summary, 'topics'))).toEqual({
      read: 4,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      rejected: 1,
    });
    expect(counts(fileOf(summary, 'users'))).toEqual({
      read: 10,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      rejected: 4,
    });
    expect(counts(fileOf(summary, 'repositories'))).toEqual({
      read: 9,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      rejected: 5,
    });
    expect(counts(fileOf(summary, 'provenance'))).toEqual({
      read: 4,
      inserted: 0,
      updated: 2,
      unchanged: 0,
      duplicates: 0,
      rejected: 2,
    });
    expect(counts(fileOf(summary, 'contributions'))).toEqual({
      read: 10,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      rejected: 4,
    });
    expect(summary.totals).toEqual({ read: 37, inserted: 16, updated: 2, unchanged: 0, duplicates: 3, rejected: 16 });
    expect(summary.derived).toEqual({ owners: 1, topics: 2 });
    expect(await rowCounts(test.db.sql)).toEqual({ users: 6, repositories: 4, topics: 4, contributions: 5 });
  });

  it('reports each bad line with its file, line number and reason', async () => {
    const summary = await importer.importFiles(ALL_FIXTURES, silentProgress());
    const reasons = (kind: FileSummary['kind']) => fileOf(summary, kind)?.rejections.map((r) => [r.line, r.reason]);

    expect(fileOf(summary, 'users')?.rejections[0]).toEqual({
      file: ALL_FIXTURES.users,
      line: 6,
      reason: expect.stringMatching(/^not valid JSON: /),
    });
    expect(reasons('users')?.slice(1)).toEqual([
      [7, 'login: expected a GitHub login such as "octocat", got "bad login"'],
      [9, 'type: expected "User", "Organization", "Bot" or null, got "Alien"'],
      [10, 'followers: expected a whole number from 0 to 2147483647, got -1'],
    ]);
    expect(reasons('repositories')).toEqual([
      [5, 'stars: expected a whole number from 0 to 2147483647, got "many"'],
      [6, 'fullName: expected a repository full name such as "octocat/hello-world", got "noslash"'],
      [7, 'owner: "somebody" does not match fullName "octocat/mismatch"'],
      [8, 'githubId: 1296269 is also given to octocat/Hello-World on line 1'],
      [9, 'createdAt: expected an ISO 8601 date such as "2023-12-13T18:09:58Z" or "2024-01-05", got "2024-02-31"'],
    ]);
    expect(reasons('provenance')).toEqual([
      [2, 'fullName: unknown repository "nobody/nothing"'],
      [3, 'githubId: 1296269 already belongs to octocat/Hello-World'],
    ]);
    expect(reasons('contributions')).toEqual([
      [4, 'user: unknown user "stranger"'],
      [5, 'repo: unknown repository "nobody/nothing"'],
      [9, 'type: expected "contributed", "starred", "forked" or "watched", got "liked"'],
      [10, 'weight: expected a number ≥ 0, got -2'],
    ]);
  });

  it('stores normalised values: last duplicate line wins, owners get users, names match without regard to case', async () => {
    await importer.importFiles(ALL_FIXTURES, silentProgress());
    const users = await test.db.sql.query<{ login: string; type: string; followers: number | null }>(
      'SELECT login, type::text AS type, followers FROM users ORDER BY lower(login) COLLATE "C"',
    );
    expect(users).toEqual([
      { login: 'dependabot[bot]', type: 'BOT', followers: 0 },
      { login: 'ghost', type: 'USER', followers: null },
      { login: 'github', type: 'ORGANIZATION', followers: 40000 },
      { login: 'newcomer', type: 'USER', followers: null }, // owner of a repository, absent from the users file
      { login: 'Octocat', type: 'USER', followers: 101 }, // line 8 ("Octocat") superseded line 1 ("octocat")
      { login: 'torvalds', type: 'USER', followers: 200000 },
    ]);

    const [hello] = await test.db.sql.query<Record<string, unknown>>(
      `SELECT r.full_name, u.login AS owner, r.topics, r.github_id::text AS github_id, r.open_issues, r.former_names,
              r.stats_as_of, r.created_at
       FROM repositories r JOIN users u ON u.id = r.owner_id WHERE r.full_name = 'octocat/Hello-World'`,
    );
    expect(hello).toEqual({
      full_name: 'octocat/Hello-World',
      owner: 'Octocat',
      topics: ['javascript', 'demo'],
      github_id: '1296269',
      open_issues: 2, // from the provenance file
      former_names: ['octocat/hello-world-old'],
      stats_as_of: new Date('2024-01-05T00:00:00Z'), // provenance's null kept the repository line's value
      created_at: new Date('2011-01-26T19:01:12Z'),
    });

    const topics = await test.db.sql.query<{ name: string; featured: boolean; display_name: string | null }>(
      'SELECT name, featured, display_name FROM topics ORDER BY name COLLATE "C"',
    );
    expect(topics).toEqual([
      { name: 'demo', featured: false, display_name: null },
      { name: 'documentation', featured: false, display_name: null },
      { name: 'javascript', featured: true, display_name: 'JavaScript' },
      { name: 'python', featured: true, display_name: 'Python 3' }, // line 5 superseded line 2
    ]);
    const orphans = await test.db.sql.query(
      'SELECT unnest(topics) AS name FROM repositories EXCEPT SELECT name FROM topics',
    );
    expect(orphans).toEqual([]);

    const contributions = await test.db.sql.query<{ login: string; full_name: string; kind: string; weight: number }>(
      `SELECT u.login, r.full_name, c.kind::text AS kind, c.weight FROM contributions c
       JOIN users u ON u.id = c.user_id JOIN repositories r ON r.id = c.repository_id
       ORDER BY lower(u.login) COLLATE "C", r.full_name COLLATE "C", c.kind`,
    );
    expect(contributions).toEqual([
      { login: 'dependabot[bot]', full_name: 'github/docs', kind: 'CONTRIBUTED', weight: 3 },
      { login: 'Octocat', full_name: 'github/docs', kind: 'STARRED', weight: 1 },
      { login: 'Octocat', full_name: 'octocat/Hello-World', kind: 'CONTRIBUTED', weight: 43 }, // the "OCTOCAT" line won
      { login: 'Octocat', full_name: 'torvalds/linux', kind: 'CONTRIBUTED', weight: 1 },
      { login: 'torvalds', full_name: 'torvalds/linux', kind: 'CONTRIBUTED', weight: 30000 },
    ]);
  });

  it('reports one stage per file with its line count, advanced batch by batch to that count', async () => {
    const progress = new RecordingProgress();
    await new ImportService({ db: test.db, logger, batchSize: 3 }).importFiles(ALL_FIXTURES, progress);
    expect(progress.stages.map(({ name, total, advanced }) => ({ name, total, advanced }))).toEqual([
      { name: 'topics', total: 4, advanced: 4 },
      { name: 'users', total: 10, advanced: 10 },
      { name: 'repositories', total: 9, advanced: 9 },
      { name: 'provenance', total: 4, advanced: 4 },
      { name: 'contributions', total: 10, advanced: 10 },
    ]);
    expect(progress.stages.find((s) => s.name === 'users')?.advances).toBe(3); // 6 valid records in batches of 3, then the tail
  });

  it('changes nothing when the same import runs again, and says so', async () => {
    await importer.importFiles(ALL_FIXTURES, silentProgress());
    const before = await rowCounts(test.db.sql);
    const stamps = await test.db.sql.query('SELECT id, synced_at FROM users ORDER BY id');

    const again = await importer.importFiles(ALL_FIXTURES, silentProgress());
    expect(again.totals).toEqual({ read: 37, inserted: 0, updated: 0, unchanged: 18, duplicates: 3, rejected: 16 });
    for (const file of again.files) expect(file.unchanged).toBe(file.read - file.duplicates - file.rejected);
    expect(again.derived).toEqual({ owners: 0, topics: 0 });
    expect(await rowCounts(test.db.sql)).toEqual(before);
    expect(await test.db.sql.query('SELECT id, synced_at FROM users ORDER BY id')).toEqual(stamps); // rows untouched
  });

  it('counts a changed line as updated and leaves the other rows alone', async () => {
    await importer.importFiles({ users: ALL_FIXTURES.users }, silentProgress());
    const changed = jsonlFile([
      {
        login: 'octocat',
        type: 'User',
        publicRepos: 8,
        followers: 500,
        following: 9,
        createdAt: '2011-01-25T18:44:36Z',
      },
      {
        login: 'torvalds',
        type: 'User',
        publicRepos: 7,
        followers: 200000,
        following: 0,
        createdAt: '2011-09-03T15:26:22Z',
      },
    ]);
    const summary = await importer.importFiles({ users: changed }, silentProgress());
    expect(counts(summary.files[0])).toEqual({
      read: 2,
      inserted: 0,
      updated: 1,
      unchanged: 1,
      duplicates: 0,
      rejected: 0,
    });
    const [octocat] = await test.db.sql.query<{ login: string; followers: number }>(
      `SELECT login, followers FROM users WHERE lower(login) = 'octocat'`,
    );
    expect(octocat).toEqual({ login: 'octocat', followers: 500 }); // and the spelling of the latest line
  });

  it('never lets an unknown (null) value erase a known one, while [] does clear topics', async () => {
    await importer.importFiles({ users: ALL_FIXTURES.users, repos: ALL_FIXTURES.repos }, silentProgress());
    const unknowns = jsonlFile([
      { login: 'github', type: null, publicRepos: null, followers: null, following: null, createdAt: null },
    ]);
    expect(counts((await importer.importFiles({ users: unknowns }, silentProgress())).files[0])).toMatchObject({
      unchanged: 1,
    });
    const [github] = await test.db.sql.query(`SELECT type::text AS type, followers FROM users WHERE login = 'github'`);
    expect(github).toEqual({ type: 'ORGANIZATION', followers: 40000 });

    const hello = { fullName: 'octocat/Hello-World', stars: 101, forks: 10 };
    const partial = jsonlFile([{ ...hello, description: null, language: null, topics: null, githubId: null }]);
    expect(counts((await importer.importFiles({ repos: partial }, silentProgress())).files[0])).toMatchObject({
      updated: 1,
    });
    const read = () =>
      test.db.sql.query(
        `SELECT description, language, topics, stars, github_id::text AS github_id FROM repositories WHERE full_name = 'octocat/Hello-World'`,
      );
    expect(await read()).toEqual([
      {
        description: 'My first repository on GitHub!',
        language: 'JavaScript',
        topics: ['javascript', 'demo'],
        stars: 101,
        github_id: '1296269',
      },
    ]);

    await importer.importFiles({ repos: jsonlFile([{ ...hello, topics: [] }]) }, silentProgress());
    expect((await read())[0]).toMatchObject({ topics: [] });
  });

  it('rejects contributions whose user or repository is not in the database, and writes none of them', async () => {
    const summary = await importer.importFiles({ contributions: ALL_FIXTURES.contributions }, silentProgress());
    expect(counts(summary.files[0])).toEqual({
      read: 10,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      rejected: 9,
    });
    expect(summary.files[0]?.rejections[0]).toEqual({
      file: ALL_FIXTURES.contributions,
      line: 2,
      reason: 'user: unknown user "torvalds"; repo: unknown repository "torvalds/linux"',
    });
    expect((await rowCounts(test.db.sql))?.contributions).toBe(0);
  });

  it('keeps the first 100 rejections of a file and counts all of them', async () => {
    const bad = jsonlFile(Array.from({ length: 150 }, (_, i) => ({ login: `bad login ${i}` })));
    const [file] = (await importer.importFiles({ users: bad }, silentProgress())).files;
    expect(file?.rejected).toBe(150);
    expect(file?.rejections).toHaveLength(100);
    expect(file?.rejections.at(-1)?.line).toBe(100);
  });

  it('fails with BAD_USER_INPUT naming a missing file, before writing anything', async () => {
    const missing = fixture('no-such-file.jsonl');
    const error = await importer
      .importFiles({ topics: ALL_FIXTURES.topics, users: missing }, silentProgress())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { file: missing } });
    expect((error as AppError).message).toContain(missing);
    expect(await rowCounts(test.db.sql)).toEqual({ users: 0, repositories: 0, topics: 0, contributions: 0 });
  });

  it('fails with BAD_USER_INPUT when given no file at all', async () => {
    await expect(importer.importFiles({}, silentProgress())).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });

  it('stops between batches when the run is cancelled, keeping the batches already written', async () => {
    const progress = new RecordingProgress(1); // cancelled as soon as the first batch has reported
    const users = jsonlFile(Array.from({ length: 5 }, (_, i) => ({ login: `user-${i}` })));
    const error = await new ImportService({ db: test.db, logger, batchSize: 2 })
      .importFiles({ users, repos: ALL_FIXTURES.repos }, progress)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.CONFLICT, message: expect.stringContaining('cancelled') });
    expect(await test.db.sql.query('SELECT login FROM users ORDER BY login COLLATE "C"')).toEqual([
      { login: 'user-0' },
      { login: 'user-1' },
    ]);
    expect(progress.stages.map((s) => s.name)).toEqual(['users']);
  });

  it('leaves none of a failing batch behind (owners and topics included), and keeps the batches before it', async () => {
    // A trigger makes the database itself refuse one row, after the batch has already created owners and topics.
    await test.db.sql.exec(`
      CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.full_name = 'boom/boom' THEN RAISE EXCEPTION 'boom is refused'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_boom BEFORE INSERT ON repositories FOR EACH ROW EXECUTE FUNCTION refuse_boom();`);
    try {
      const repos = jsonlFile([
        { fullName: 'first/one', stars: 1, forks: 0, topics: ['first-topic'] },
        { fullName: 'second/two', stars: 2, forks: 0 },
        { fullName: 'third/three', stars: 3, forks: 0, topics: ['third-topic'] },
        { fullName: 'boom/boom', stars: 4, forks: 0, topics: ['boom-topic'] },
      ]);
      const error = await new ImportService({ db: test.db, logger, batchSize: 2 })
        .importFiles({ repos }, silentProgress())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/lines 3–4 of .* was not written: boom is refused/);

      expect(await test.db.sql.query('SELECT full_name FROM repositories ORDER BY full_name COLLATE "C"')).toEqual([
        { full_name: 'first/one' },
        { full_name: 'second/two' },
      ]);
      expect(await test.db.sql.query('SELECT login FROM users ORDER BY login COLLATE "C"')).toEqual([
        { login: 'first' },
        { login: 'second' },
      ]);
      expect(await test.db.sql.query('SELECT name FROM topics')).toEqual([{ name: 'first-topic' }]);
    } finally {
      await test.db.sql.exec('DROP TRIGGER refuse_boom ON repositories; DROP FUNCTION refuse_boom();');
    }
  });

  it('knows whether the catalog is empty', async () => {
    expect(await importer.isCatalogEmpty()).toBe(true);
    await importer.importFiles({ repos: ALL_FIXTURES.repos }, silentProgress());
    expect(await importer.isCatalogEmpty()).toBe(false);
  });
});

describe(`Import: batching on ${backendName}`, () => {
  it('writes a batch of contributions with the same two statements whatever its size', async () => {
    const statements: string[] = [];
    const test = await openTestDatabase({ onQuery: (sql) => statements.push(sql) });
    try {
      const setup = new ImportService({ db: test.db, logger });
      const users = Array.from({ length: 40 }, (_, i) => ({ login: `user-${i}` }));
      await setup.importFiles(
        { users: jsonlFile(users), repos: jsonlFile([{ fullName: 'org/repo', stars: 1, forks: 1 }]) },
        silentProgress(),
      );
      const contributions = jsonlFile(users.map((u) => ({ user: u.login, repo: 'org/repo', weight: 1 })));

      for (const [batchSize, batches] of [
        [40, 1],
        [10, 4],
      ] as const) {
        await test.db.sql.exec('TRUNCATE contributions');
        statements.length = 0;
        await new ImportService({ db: test.db, logger, batchSize }).importFiles({ contributions }, silentProgress());
        const writes = statements.filter((sql) => !sql.startsWith('ANALYZE'));
        expect(writes).toHaveLength(batches * 2); // resolve ids + upsert, per batch
      }
    } finally {
      await test.close();
    }
  });

  it('passes any text through list literals unchanged', async () => {
    const { textArrayLiteral } = await import('../../../src/modules/import/sql/sql-values.js');
    const test = await openTestDatabase({ migrate: false });
    try {
      const values = ['plain', 'with "quotes"', 'back\\slash', 'comma, and {braces}', 'NULL', '', ' spaced ', 'ünï ✓'];
      const [row] = await test.db.sql.query<{ list: string[] }>('SELECT $1::text::text[] AS list', [
        textArrayLiteral(values),
      ]);
      expect(row?.list).toEqual(values);
    } finally {
      await test.close();
    }
  });
});
