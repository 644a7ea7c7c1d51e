// ESLint rule: the module boundaries of DEVELOPERS.md. A file under src/modules/<domain>/ (a catalog member is
// src/modules/catalog/<member>/) may import another module only through that module's index.ts; src/modules/
// module.ts (what a module is) is open to all. Lower layers (src/graphql, src/lib, src/infra, src/server) never
// import a module at all, and nothing outside src/lib/keyset reads cursors itself. Only relative imports are checked:
// the project has no path aliases.
import { dirname, relative, resolve, sep } from 'node:path';

const LOWER_LAYERS = ['graphql', 'lib', 'infra', 'server'];

/** The module a path under src/modules/ belongs to ('catalog/users', 'pipeline'), or null for module.ts. */
function moduleOf(pathInModules) {
  const parts = pathInModules.split(sep);
  if (parts.length === 1) return null; // src/modules/module.ts: shared by every module
  if (parts[0] === 'catalog' && parts.length > 2) return `catalog/${parts[1]}`;
  return parts[0];
}

const isIndex = (pathInModules, module) =>
  [`${module}/index.js`, `${module}/index.ts`].includes(pathInModules.split(sep).join('/'));

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules meet only through index.ts; lower layers never import modules.' },
    messages: {
      crossModule:
        "'{{source}}' reaches into module {{target}}: import what it exports from its index.ts instead " +
        '(modules meet only through their index.ts).',
      cursorInternals:
        "'{{source}}' is how lib/keyset reads cursors: only lib/keyset decodes them. Page through listQuery / " +
        'fetchPage (src/lib/keyset/index.ts), which check the cursor for you.',
      lowerLayer:
        "src/{{layer}} is a lower layer: it must not import the module '{{source}}'. Pass what it needs in " +
        'through the composition root (src/compose.ts), or move the shared code down into src/lib.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const src = resolve(context.cwd, 'src');
    const modulesDir = resolve(src, 'modules');
    const fromSrc = relative(src, file);
    if (fromSrc.startsWith('..')) return {};
    const layer = fromSrc.split(sep)[0];
    const fromModule = fromSrc.startsWith(`modules${sep}`) ? moduleOf(relative(modulesDir, file)) : undefined;

    const keysetDir = resolve(src, 'lib', 'keyset');
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      if (
        dirname(target) === keysetDir &&
        /\/(cursor|cursor-key)\.(js|ts)$/.test(target) &&
        dirname(file) !== keysetDir
      ) {
        context.report({ node: node.source, messageId: 'cursorInternals', data: { source } });
        return;
      }
      const inModules = relative(modulesDir, target);
      if (inModules.startsWith('..')) return; // not a module
      const targetModule = moduleOf(inModules);
      if (targetModule === null) return;
      if (LOWER_LAYERS.includes(layer)) {
        context.report({ node: node.source, messageId: 'lowerLayer', data: { layer, source } });
        return;
      }
      if (fromModule === targetModule) return;
      // A catalog member may import the family's index (catalog/index.ts) no more than any other module.
      if (!isIndex(inModules, targetModule)) {
        context.report({ node: node.source, messageId: 'crossModule', data: { source, target: targetModule } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const architecturePlugin = { rules: { 'module-boundaries': moduleBoundaries } };
