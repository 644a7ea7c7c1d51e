// One line of a repositories file: {fullName, owner, name, description, language, topics[], stars, forks,
// createdAt, updatedAt, license, url} plus, optionally, the provenance fields. null means unknown; `topics: []`
// means "observed to have none", which is different from null.
import { z } from 'zod';
import { count, optionalList, optionalText, optionalTimestamp, optionalUrl } from '../fields.js';
import { fullName, login, repositoryName, topicName } from '../github-names.js';
import { provenanceShape, type ProvenanceFields } from './provenance.record.js';

export interface RepositoryRecord extends ProvenanceFields {
  readonly fullName: string;
  readonly owner: string;
  readonly name: string;
  readonly description: string | null;
  readonly language: string | null;
  readonly topics: readonly string[] | null;
  readonly stars: number;
  readonly forks: number;
  readonly license: string | null;
  readonly url: string | null;
  readonly homepage: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  /**
   * Bytes of code per language. Only GitHub ingestion knows it (data files have no such field): absent or null
   * means unknown, which keeps what is stored.
   */
  readonly languages?: Readonly<Record<string, number>> | null;
}

export const repositoryRecord: z.ZodType<RepositoryRecord, unknown> = z
  .object(
    {
      fullName: fullName(),
      // owner and name are implied by fullName; when given they must agree with it.
      owner: login().optional(),
      name: repositoryName().optional(),
      description: optionalText(),
      language: optionalText(),
      topics: optionalList(topicName()),
      stars: count(),
      forks: count(),
      license: optionalText(),
      url: optionalUrl(),
      homepage: optionalUrl(),
      createdAt: optionalTimestamp(),
      updatedAt: optionalTimestamp(),
      ...provenanceShape,
    },
    { error: 'expected a JSON object' },
  )
  .transform((line, context): RepositoryRecord => {
    const [owner = '', name = ''] = line.fullName.split('/');
    if (line.owner !== undefined && line.owner !== owner) {
      context.addIssue({
        code: 'custom',
        path: ['owner'],
        message: `"${line.owner}" does not match fullName "${line.fullName}"`,
      });
    }
    if (line.name !== undefined && line.name !== name) {
      context.addIssue({
        code: 'custom',
        path: ['name'],
        message: `"${line.name}" does not match fullName "${line.fullName}"`,
      });
    }
    return { ...line, owner, name, topics: line.topics && [...new Set(line.topics)] };
  });
