// What each global id type means: how to check the database id inside it and fetch the object through the
// request's loaders (so `nodes(ids:)` with many ids of one type is one statement).
import { badInput } from '../../../errors.js';
import { fromGlobalId } from '../../../graphql/global-id.js';
import type { Loaders } from '../../../graphql/context.js';
import type { Node } from '../../../graphql/node.js';
import { Language } from '../languages/index.js';
import { Repository } from '../repositories/index.js';
import { Topic } from '../topics/index.js';
import { User } from '../users/index.js';

type Fetch = (loaders: Loaders) => Promise<Node | null>;

const SERIAL = /^[1-9]\d{0,9}$/;
const MAX_SERIAL = 2 ** 31 - 1;

const serial = (id: string) => (SERIAL.test(id) && Number(id) <= MAX_SERIAL ? Number(id) : null);

/** Checks a global id and returns how to fetch its object; BAD_USER_INPUT when this API cannot have made it. */
export function nodeFetcher(globalId: string, argument: string): Fetch {
  const { type, id } = fromGlobalId(globalId, argument);
  const malformed = () =>
    badInput(`"${globalId}" is not a valid ID: use the "id" field of an object returned by this API`, { argument });
  if (type === 'Language') {
    return async (loaders) => {
      const row = await loaders.languageByName.load(id);
      return row && new Language(row);
    };
  }
  const number = serial(id);
  if (number === null) throw malformed();
  switch (type) {
    case 'Repository':
      return async (loaders) => {
        const row = await loaders.repositoryById.load(number);
        return row && new Repository(row);
      };
    case 'User':
      return async (loaders) => {
        const row = await loaders.userById.load(number);
        return row && new User(row);
      };
    case 'Topic':
      return async (loaders) => {
        const row = await loaders.topicById.load(number);
        return row && new Topic(row);
      };
    default:
      throw malformed();
  }
}
