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

/**
 * A Connection of `page`, wrapping each row into its GraphQL object with `node`; `edge` adds the fields of a
 * richer edge type (e.g. a contribution's weight). Edges, cursors and pageInfo are built on first read: a client
 * that selects only `nodes` pays for none of them (cursors are encoded per row).
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
  let nodes: Node[] | undefined;
  let edges: Edge<Node>[] | undefined;
  let pageInfo: PageInfo | undefined;
  const nodesOf = () => (nodes ??= page.rows.map((row) => options.node(row)));
  const connection = new connectionClass();
  Object.defineProperties(connection, {
    nodes: { get: nodesOf, enumerable: true },
    edges: {
      get: () =>
        (edges ??= nodesOf().map((node, i) => {
          const edge = { ...options.edge?.(page.rows[i]!), node } as Edge<Node>;
          return Object.defineProperty(edge, 'cursor', { get: () => page.cursors[i]!, enumerable: true });
        })),
      enumerable: true,
    },
    pageInfo: {
      get: () =>
        (pageInfo ??= {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.rows.length > 0 ? page.cursors[0]! : null,
          endCursor: page.rows.length > 0 ? page.cursors[page.rows.length - 1]! : null,
        }),
      enumerable: true,
    },
  });
  connection.count = options.totalCount;
  return connection;
}
