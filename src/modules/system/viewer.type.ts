// Who the API takes the caller to be: what a frontend shows in its header, and how a developer checks a token.
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '../../access/index.js';

export const ViewerRole = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };
registerEnumType(ViewerRole, {
  name: 'Role',
  description: 'VIEWER reads; MEMBER also predicts and cancels own runs; ADMIN does everything (docs/security.md).',
});

@ObjectType({ description: 'The caller, as verified from their bearer token; anonymous without one.' })
export class Viewer {
  @Field(() => Boolean, { description: 'True when a valid token was sent.' })
  authenticated!: boolean;

  @Field(() => String, { nullable: true, description: "The token's subject: a user login (an account)." })
  login!: string | null;

  @Field(() => ViewerRole, { nullable: true })
  role!: Role | null;

  @Field(() => Date, { nullable: true, description: 'When the token expires.' })
  expiresAt!: Date | null;
}
