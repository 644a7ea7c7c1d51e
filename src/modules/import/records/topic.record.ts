// One line of a featured-topics file (github/explore): {name, displayName, shortDescription, description,
// aliases[], related[], url, githubUrl, wikipediaUrl}. Other keys are ignored.
import { z } from 'zod';
import { optionalText, optionalUrl } from '../fields.js';
import { topicName } from '../github-names.js';

export interface TopicRecord {
  readonly name: string;
  readonly displayName: string | null;
  readonly shortDescription: string | null;
  readonly description: string | null;
  /** A topic line lists all its aliases and related topics: missing or null mean none. */
  readonly aliases: readonly string[];
  readonly related: readonly string[];
  /** The topic's best link: its own site, else its GitHub organisation, else Wikipedia. */
  readonly url: string | null;
}

const names = z
  .array(topicName(), { error: 'expected a list of topic names' })
  .nullish()
  .transform((value): string[] => [...new Set(value ?? [])]);

export const topicRecord: z.ZodType<TopicRecord, unknown> = z
  .object(
    {
      name: topicName(),
      displayName: optionalText(),
      shortDescription: optionalText(),
      description: optionalText(),
      aliases: names,
      related: names,
      url: optionalUrl(),
      githubUrl: optionalUrl(),
      wikipediaUrl: optionalUrl(),
    },
    { error: 'expected a JSON object' },
  )
  .transform(({ githubUrl, wikipediaUrl, url, ...topic }): TopicRecord => ({
    ...topic,
    url: url ?? githubUrl ?? wikipediaUrl,
  }));
