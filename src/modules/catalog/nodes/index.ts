// The nodes module (catalog): Relay object identification, `node(id:)` and `nodes(ids:)` over the catalog types.
import { defineModule } from '../../module.js';
import { NodeResolver } from './nodes.resolver.js';

export { MAX_NODES } from './nodes.resolver.js';

declare module '../../module.js' {
  interface ModuleServices {
    nodes: Record<string, never>;
  }
}

export const nodesModule = defineModule({
  name: 'nodes',
  resolvers: [NodeResolver],
  create: () => ({}),
});
