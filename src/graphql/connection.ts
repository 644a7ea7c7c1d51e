// Relay connections: one generic factory so every list that can grow pages the same way, and `toConnection` to
// turn a keyset page (src/lib/keyset) into one.
import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Page } from '../lib/keyset/index.js';

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow the last one of this page (continue with `after`).' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Items precede the first one of this page (continue with `before`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counting is a separate query: it runs only when a client selects `totalCount`. */
  count: () => Promise<number>;
}

/**
 * The fields every edge has; extend it with `@ObjectType('XEdge')` for edges that carry more (a weight). Its own
 * object type is never reachable from a resolver, so it never reaches the schema; subclasses inherit its fields.
 */
export function EdgeType<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}EdgeBase`)
  abstract class EdgeClass {
    @Field(() => String, {
      description: 'Opaque cursor of this edge: pass it as `after` (or `before`) to continue from here.',
    })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }
  return EdgeClass;
}

function defaultEdge<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class DefaultEdge extends EdgeType(node) {}
  return DefaultEdge;
}

export function ConnectionType<T extends object>(node: ClassType<T>, name: string, edge?: ClassType<Edge<T>>) {
  const edgeType = edge ?? defaultEdge(node, name);

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [edgeType])
    edges!: Edge<T>[];

    @Field(() => [node], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int, { description: 'How many items the whole list holds (counted only when selected).' })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return ConnectionClass;
}

interface ConnectionSource<Row, Node> {
  readonly page: Page<Row>;
  readonly node: (row: Row) => Node;
  readonly edge: ((row: Row) => Record<string, unknown>) | undefined;
  nodes?: Node[];
  edges?: Edge<Node>[];
  pageInfo?: PageInfo;
}

const SOURCE = Symbol('connection source');
type LazyConnection = { [SOURCE]: ConnectionSource<unknown, unknown> };

function nodesOf(source: ConnectionSource<unknown, unknown>): unknown[] {
  return (source.nodes ??= source.page.rows.map((row) => source.node(row)));
}

/** Getters shared by every connection object: `edges`, cursors and `pageInfo` are built only when read. */
const LAZY_FIELDS: PropertyDescriptorMap = {
  nodes: {
    enumerable: true,
    get(this: LazyConnection) {
      return nodesOf(this[SOURCE]);
    },
  },
  edges: {
    enumerable: true,
    get(this: LazyConnection) {
      const source = this[SOURCE];
      return (source.edges ??= nodesOf(source).map((node, i) => {
        const edge = { ...source.edge?.(source.page.rows[i]), node } as Edge<unknown>;
        // Cursors are encoded per row, on read.
        return Object.defineProperty(edge, 'cursor', { get: () => source.page.cursors[i]!, enumerable: true });
      }));
    },
  },
  pageInfo: {
    enumerable: true,
    get(this: LazyConnection) {
      const { page } = this[SOURCE];
      return (this[SOURCE].pageInfo ??= {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: page.rows.length > 0 ? page.cursors[0]! : null,
        endCursor: page.rows.length > 0 ? page.cursors[page.rows.length - 1]! : null,
      });
    },
  },
};

/** Per connection class, a prototype under it with the lazy fields (made once; instances only point to it). */
const lazyPrototypes = new WeakMap<object, object>();
function lazyPrototype(connectionClass: new () => object): object {
  let prototype = lazyPrototypes.get(connectionClass);
  if (!prototype) {
    prototype = Object.create(connectionClass.prototype as object, LAZY_FIELDS) as object;
    lazyPrototypes.set(connectionClass, prototype);
  }
  return prototype;
}

/**
 * A Connection of `page`, wrapping each row into its GraphQL object with `node`; `edge` adds the fields of a
 * richer edge type (e.g. a contribution's weight). Nodes, edges, cursors and pageInfo are built on first read: a
 * client that selects only `nodes` pays for no edge and no cursor. The object is an instance of `connectionClass`
 * (its prototype sits under the class's), created without running its constructor, which sets nothing.
 */
export function toConnection<Row, Node, C extends Connection<Node>>(
  connectionClass: new () => C,
  page: Page<Row>,
  options: {
    node: (row: Row) => Node;
    edge?: (row: Row) => Record<string, unknown>;
    totalCount: () => Promise<number>;
  },
): C {
  const connection = Object.create(lazyPrototype(connectionClass)) as C & LazyConnection;
  connection[SOURCE] = { page, node: options.node, edge: options.edge } as ConnectionSource<unknown, unknown>;
  connection.count = options.totalCount;
  return connection;
}
