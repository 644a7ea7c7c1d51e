export { NodeResolver, MAX_NODES } from './nodes.resolver.js';
