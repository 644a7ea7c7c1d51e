import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Files to import, as paths on the server (relative ones start in IMPORT_DIR).' })
export class ImportFilesInput {
  @Field(() => String, { nullable: true, description: 'Featured topics (github/explore).' })
  topics?: string;

  @Field(() => String, { nullable: true, description: 'Users and organisations.' })
  users?: string;

  @Field(() => String, { nullable: true, description: 'Repositories.' })
  repos?: string;

  @Field(() => String, { nullable: true, description: 'Provenance fields of repositories already imported.' })
  provenance?: string;

  @Field(() => String, { nullable: true, description: 'User → repository contributions.' })
  contributions?: string;
}
