// Relay connections: one generic factory so every list that can grow pages the same way.
import { ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
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

export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this edge; pass it as `after` to continue from here.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

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
 * Builds a Connection from `rows` fetched with `take: first + 1` (the extra row only says there is more),
 * wrapping each row into its GraphQL object with `node`.
 */
export function toConnection<Row, Node, C extends Connection<Node>>(
  connectionClass: new () => C,
  options: {
    rows: Row[];
    first: number;
    cursorOf: (row: Row) => string;
    node: (row: Row) => Node;
    after: string | null | undefined;
    totalCount: () => Promise<number>;
  },
): C {
  const page = options.rows.slice(0, options.first);
  const edges = page.map((row) => ({ node: options.node(row), cursor: options.cursorOf(row) }));
  return Object.assign(new connectionClass(), {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: options.rows.length > options.first,
      hasPreviousPage: Boolean(options.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count: options.totalCount,
  });
}
