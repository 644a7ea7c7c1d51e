// `npm run schema` writes schema.graphql from the resolver classes of the composed module list; `npm run schema:check` fails when the
// committed file differs (CI), so the SDL that clients and codegen read never drifts from the code.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolverClasses } from '../compose.js';
import { buildGraphQLSchema, printSortedSchema } from '../graphql/build-schema.js';

const FILE = 'schema.graphql';
const HEADER = '# Emitted by `npm run schema` from the type-graphql classes in src/. Do not edit by hand.\n\n';

const sdl = HEADER + printSortedSchema(await buildGraphQLSchema(resolverClasses()));
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== sdl) {
    process.stderr.write(
      `${FILE} is stale: it does not match the resolvers in src/. Run \`npm run schema\` and commit it.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${FILE} is up to date\n`);
} else {
  writeFileSync(FILE, sdl);
  process.stdout.write(`wrote ${FILE}\n`);
}
