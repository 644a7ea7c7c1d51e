// What a visitor without an account tells about themselves (recommendationsForProfile), checked: each list bounded,
// names normalised, the liked repositories found in the catalog (an unknown one is named in the error).
import { badInput } from '../../../errors.js';
import { MAX_SEARCH_LENGTH } from '../../../lib/search/keyword-query.js';
import { checkFirst } from '../read/list-view.js';

export const MAX_PROFILE_LANGUAGES = 10;
export const MAX_PROFILE_TOPICS = 20;
export const MAX_LIKED_REPOSITORIES = 50;

export interface ProfileInput {
  languages?: readonly string[] | null;
  topics?: readonly string[] | null;
  text?: string | null;
  likedRepositories?: readonly string[] | null;
  first: number;
}

export interface ProfileRequest {
  languages: string[];
  topics: string[];
  text: string;
  /** Full names as given (lower case), resolved to repositories by the service. */
  liked: string[];
  first: number;
}

export function profileRequest(input: ProfileInput): ProfileRequest {
  const list = (values: readonly string[] | null | undefined, max: number, argument: string) => {
    const cleaned = [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value !== ''))];
    if (cleaned.length > max) throw badInput(`${argument}: at most ${max} (got ${cleaned.length})`, { argument });
    return cleaned;
  };
  const text = (input.text ?? '').trim();
  if (text.length > MAX_SEARCH_LENGTH)
    throw badInput(`text: at most ${MAX_SEARCH_LENGTH} characters (got ${text.length})`, { argument: 'text' });
  const request = {
    languages: list(input.languages, MAX_PROFILE_LANGUAGES, 'languages'),
    topics: list(input.topics, MAX_PROFILE_TOPICS, 'topics').map((topic) => topic.toLowerCase()),
    text,
    liked: list(input.likedRepositories, MAX_LIKED_REPOSITORIES, 'likedRepositories').map((name) => name.toLowerCase()),
    first: checkFirst(input.first),
  };
  return request; // nothing given at all: popularity and freshness alone
}
