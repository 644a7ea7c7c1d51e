// PostGraphile v5 (Amber preset, simplify-inflection, default pool, no GraphiQL, no explain) over the peer schema,
// as bench/peer.ts runs it: node bench/peer/serve-postgraphile.mjs PORT DATABASE_URL. From ../shared/peer.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';
import { makePgService } from 'postgraphile/adaptors/pg';
// PostGraphile 5 needs Node >= 22 (Promise.withResolvers). On Node 20 @dataplan/pg's executor swallowed the
// TypeError and every query failed with "reading 'items'"; this shim lets plain `node` 20 run it too (slower).
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};
const port = Number(process.argv[2] ?? 5678);
const connectionString = process.argv[3] ?? 'postgresql://root@localhost/peer?host=/var/run/postgresql';
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'] })],
  grafserv: { graphiql: false },
  grafast: { explain: false },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => console.log(`postgraphile on ${port}`));
