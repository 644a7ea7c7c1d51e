// Prisma CLI configuration. Only `prisma generate` runs here: migrations are applied by the project's own runner
// (src/infra/db/migrations), and the runtime connects through driver adapters (src/infra/db/prisma.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
