// The PostGraphile peer's database (bench/peer.ts): shared/data loaded into a neutral schema (users, repositories,
// contributions) with the indexes a hand-made schema would have. From ../shared/peer (its load.mjs).
//   PEER_DATA=../shared/data/ node bench/peer/load-peer.mjs postgresql://…/peer
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import pg from 'pg';
const url = process.argv[2] ?? 'postgresql://root@localhost/peer?host=/var/run/postgresql';
const data = process.env.PEER_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname;
const db = new pg.Client({ connectionString: url });
await db.connect();
async function* lines(f) {
  for await (const l of createInterface({ input: createReadStream(data + f).pipe(createGunzip()) }))
    if (l) yield JSON.parse(l);
}
await db.query(`drop table if exists contributions, repositories, users cascade;
create table users (id serial primary key, login text unique not null, followers int, public_repos int);
create table repositories (id serial primary key, full_name text unique not null, name text not null,
  owner_id int not null references users(id), description text, language text, topics text[], stars int not null default 0,
  forks int not null default 0, created_at timestamptz, updated_at timestamptz);
create index on repositories(stars desc); create index on repositories(owner_id); create index on repositories(language);
create table contributions (user_id int not null references users(id), repository_id int not null references repositories(id),
  weight int not null, primary key (user_id, repository_id));
create index on contributions(repository_id);
comment on constraint repositories_owner_id_fkey on repositories is E'@foreignFieldName ownedRepositories\\n@fieldName owner';`);
const ids = new Map();
async function user(login, u = {}) {
  if (ids.has(login)) return ids.get(login);
  const r = await db.query(
    'insert into users(login, followers, public_repos) values ($1,$2,$3) on conflict (login) do update set login=excluded.login returning id',
    [login, u.followers ?? null, u.publicRepos ?? null],
  );
  ids.set(login, r.rows[0].id);
  return r.rows[0].id;
}
await db.query('begin');
for await (const u of lines('users.jsonl.gz')) await user(u.login, u);
const repoIds = new Map();
for await (const r of lines('repos.jsonl.gz')) {
  const o = await user(r.owner);
  const q = await db.query(
    'insert into repositories(full_name,name,owner_id,description,language,topics,stars,forks,created_at,updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning id',
    [r.fullName, r.name, o, r.description, r.language, r.topics, r.stars ?? 0, r.forks ?? 0, r.createdAt, r.updatedAt],
  );
  repoIds.set(r.fullName.toLowerCase(), q.rows[0].id);
}
let c = 0;
for await (const i of lines('interactions.jsonl.gz')) {
  const rid = repoIds.get(i.repo.toLowerCase());
  if (!rid) continue;
  await db.query('insert into contributions values ($1,$2,$3) on conflict do nothing', [
    await user(i.user),
    rid,
    i.weight,
  ]);
  c++;
}
await db.query('commit');
await db.query('analyze');
console.log(`loaded ${repoIds.size} repositories, ${ids.size} users, ${c} contributions`);
await db.end();
