// Reads a V8 heap snapshot (.heapsnapshot, as --heapsnapshot-signal writes them) into what a memory question
// needs: the live heap in total and by kind of object (constructor name for objects; strings, arrays, code ...).
// Writing a snapshot runs a full garbage collection first, so every object in it is live.
import { readFileSync } from 'node:fs';

export interface HeapSummary {
  readonly totalBytes: number;
  readonly nodes: number;
  /** Self size by kind of object, largest first. */
  readonly byKind: ReadonlyMap<string, { bytes: number; count: number }>;
  /** Source text of loaded modules that is kept alive, by package ("app" for the project's own), largest first. */
  readonly moduleSources: ReadonlyMap<string, number>;
}

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** "@scope/name" or "name" of the node_modules package a file belongs to; "app" for the project's own files. */
function packageOf(file: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match?.[1] ?? (file.includes('/src/') ? 'app (src/)' : 'other');
}

/** Objects are grouped by constructor; everything else by V8's node type ("(string)", "(code)", ...). */
function kindOf(type: string, name: string): string {
  if (type === 'object') return name;
  if (type === 'native') return `(native) ${name.split(' / ')[0]}`;
  if (type.includes('string')) return '(string)';
  return `(${type})`;
}

export function summariseHeapSnapshot(path: string): HeapSummary {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawSnapshot;
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKind = new Map<string, { bytes: number; count: number }>();
  let totalBytes = 0;
  for (let i = 0; i < raw.nodes.length; i += width) {
    const size = raw.nodes[i + sizeAt] ?? 0;
    const kind = kindOf(types[raw.nodes[i + typeAt] ?? 0] ?? '?', raw.strings[raw.nodes[i + nameAt] ?? 0] ?? '?');
    const entry = byKind.get(kind) ?? { bytes: 0, count: 0 };
    entry.bytes += size;
    entry.count += 1;
    byKind.set(kind, entry);
    totalBytes += size;
  }
  const sorted = new Map([...byKind].sort((a, b) => b[1].bytes - a[1].bytes));
  return { totalBytes, nodes: raw.nodes.length / width, byKind: sorted, moduleSources: moduleSources(raw) };
}

/**
 * Module source text held alive: a compiled function's `source` edge (V8 keeps a script's source for lazy
 * compilation and Function.prototype.toString), and the source Node keeps on CommonJS Module objects.
 */
function moduleSources(raw: RawSnapshot): Map<string, number> {
  const meta = raw.snapshot.meta;
  const width = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const [typeAt, nameAt, sizeAt, edgesAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  ) as [number, number, number, number];
  const types = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const typeOf = (node: number) => types[raw.nodes[node + typeAt] ?? 0] ?? '';
  const nameOf = (node: number) => raw.strings[raw.nodes[node + nameAt] ?? 0] ?? '';
  const seen = new Set<number>();
  const bytes = new Map<string, number>();
  const count = (pkg: string, node: number) => {
    if (seen.has(node) || !typeOf(node).includes('string')) return;
    seen.add(node);
    bytes.set(pkg, (bytes.get(pkg) ?? 0) + (raw.nodes[node + sizeAt] ?? 0));
  };
  let edge = 0;
  for (let node = 0; node < raw.nodes.length; node += width) {
    const edges = raw.nodes[node + edgesAt] ?? 0;
    const from = { type: typeOf(node), name: nameOf(node) };
    let filename: string | undefined;
    let source: number | undefined;
    for (let k = 0; k < edges; k += 1, edge += edgeWidth) {
      const kind = edgeTypes[raw.edges[edge] ?? 0];
      const name = kind === 'element' || kind === 'hidden' ? '' : (raw.strings[raw.edges[edge + 1] ?? 0] ?? '');
      const to = raw.edges[edge + 2] ?? 0;
      if (from.type === 'code' && name === 'source') count(packageOf(from.name), to);
      if (from.type === 'object' && from.name === 'Module') {
        if (name === 'filename' || name === 'id') filename ??= nameOf(to);
        if (name === '<symbol node:module_source>') source = to;
      }
    }
    if (source !== undefined && filename !== undefined) count(packageOf(filename), source);
  }
  return new Map([...bytes].sort((a, b) => b[1] - a[1]));
}
