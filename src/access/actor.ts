// Who is asking. Every service call that reads something guarded or writes anything takes an Actor; the policy
// table (policy.ts) decides from it alone. Three kinds:
//   user       a verified bearer token: its subject (a login) and its role;
//   anonymous  no token: identified for rate limits by the client address only;
//   system     this code base acting for itself (first start, CLIs run by an operator on the host, workers
//              executing a run an authorised caller started): always allowed, recorded under its name.
export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** VIEWER < MEMBER < ADMIN: a role may do whatever a lower one may. */
const RANK: Record<Role, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3 };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && value in RANK;
export const roleAtLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export type Actor =
  | { readonly kind: 'user'; readonly login: string; readonly role: Role; readonly expiresAt: Date | undefined }
  | { readonly kind: 'anonymous'; readonly address: string }
  | { readonly kind: 'system'; readonly name: string };

export const anonymous = (address = 'unknown'): Actor => ({ kind: 'anonymous', address });
export const systemActor = (name: string): Actor => ({ kind: 'system', name });
export const userActor = (login: string, role: Role, expiresAt?: Date): Actor => ({
  kind: 'user',
  login,
  role,
  expiresAt,
});

/** The name audit trails record: the token's subject, or the system task's name; null for anonymous callers. */
export function actorName(actor: Actor): string | null {
  if (actor.kind === 'user') return actor.login;
  if (actor.kind === 'system') return actor.name;
  return null;
}

/** What rate limits and connection caps count against: the user, else the client address. */
export function identityKey(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.login.toLowerCase()}`;
  if (actor.kind === 'system') return `system:${actor.name}`;
  return `address:${actor.address}`;
}
