// Relay global object ids: "Type:databaseId" in base64url, unique across the whole API and opaque to clients.
import { badInput } from '../errors.js';

export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string, argument = 'id'): { type: string; id: string } {
  const decoded = /^[A-Za-z0-9_-]{1,256}$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const match = /^([A-Z][A-Za-z]*):(.+)$/.exec(decoded);
  if (!match)
    throw badInput(`"${globalId}" is not a valid ID: use the "id" field of an object returned by this API`, {
      argument,
    });
  return { type: match[1]!, id: match[2]! };
}
