// The Relay Node interface: every object with a global id can be fetched again by `node(id:)` / `nodes(ids:)`
// (src/modules/nodes). Pipeline runs keep their UUID ids and stay outside it (see nodes.resolver.ts).
import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({ description: 'An object with a global id (Relay): fetch it again with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque id (Relay).' })
  id!: string;
}
