// The module-boundaries lint rule (scripts/eslint/module-boundaries.js) on imports that keep and break the rules.
import { join } from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
// @ts-expect-error -- a plain ESM file of the lint configuration, without types
import { moduleBoundaries } from '../../scripts/eslint/module-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;

const at = (path: string) => join(process.cwd(), 'src', path);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });

tester.run('module-boundaries', moduleBoundaries as never, {
  valid: [
    { filename: at('modules/pipeline/pipeline.service.ts'), code: "import { a } from './run-writer.js';" },
    { filename: at('modules/import/writers/users.writer.ts'), code: "import { a } from '../records/user.record.js';" },
    { filename: at('modules/training/definition.ts'), code: "import { a } from '../registry/index.js';" },
    { filename: at('modules/catalog/users/users.loader.ts'), code: "import { a } from '../repositories/index.js';" },
    { filename: at('modules/serving/index.ts'), code: "import { defineModule } from '../module.js';" },
    { filename: at('compose.ts'), code: "import { a } from './modules/registry/index.js';" },
    { filename: at('server/apollo.ts'), code: "import { a } from '../graphql/context.js';" },
    { filename: at('modules/serving/x.ts'), code: "export { a } from '../../lib/keyset/index.js';" },
    { filename: at('lib/keyset/cursor-key.ts'), code: "import { decodeCursor } from './cursor.js';" },
  ],
  invalid: [
    {
      filename: at('modules/training/definition.ts'),
      code: "import { a } from '../registry/models.service.js';",
      errors: [{ messageId: 'crossModule' }],
    },
    {
      filename: at('modules/catalog/users/users.loader.ts'),
      code: "import { a } from '../repositories/repositories.service.js';",
      errors: [{ messageId: 'crossModule' }],
    },
    {
      filename: at('modules/serving/index.ts'),
      code: "export * from '../registry/registry-events.js';",
      errors: [{ messageId: 'crossModule' }],
    },
    {
      filename: at('cli/worker.ts'),
      code: "import { a } from '../modules/pipeline/pipeline.service.js';",
      errors: [{ messageId: 'crossModule' }],
    },
    {
      filename: at('modules/registry/models.service.ts'),
      code: "import { decodeCursor } from '../../lib/keyset/cursor.js';",
      errors: [{ messageId: 'cursorInternals' }],
    },
    {
      filename: at('graphql/context.ts'),
      code: "import { a } from '../modules/pipeline/index.js';",
      errors: [{ messageId: 'lowerLayer' }],
    },
    {
      filename: at('infra/queue/port.ts'),
      code: "const m = await import('../../modules/pipeline/index.js');",
      errors: [{ messageId: 'lowerLayer' }],
    },
  ],
});
