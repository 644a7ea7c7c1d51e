// The one policy table: every guarded action, who may do it, and why. Services call `authorize` before reading
// anything guarded or writing anything; nothing else decides access. docs/security.md shows this table, and
// test/access/policy-matrix.test.ts runs every mutation and guarded field as each kind of caller against it.
import { AppError, ErrorCode } from '../errors.js';
import { roleAtLeast, type Actor, type Role } from './actor.js';

export interface Rule {
  /** Lowest role allowed; 'PUBLIC' lets anonymous callers in too. */
  readonly role: Role | 'PUBLIC';
  /**
   * The schema coordinates this action guards (every mutation must be listed under one action: the policy test
   * fails otherwise). Public reads list none: everything not listed is readable by anyone.
   */
  readonly fields?: readonly string[];
  /** Callers below `anyWith` may act only on what they own (e.g. runs they started). */
  readonly ownOnlyBelow?: Role;
  readonly why: string;
}

export const POLICY = {
  'catalog.read': { role: 'PUBLIC', why: 'public GitHub metadata' },
  'recommendations.read': { role: 'PUBLIC', why: 'derived from public metadata' },
  'registry.read': { role: 'PUBLIC', why: 'model names, versions, metrics and aliases help clients choose' },
  'pipeline.read': { role: 'PUBLIC', why: 'dashboards follow runs; params and errors name no secrets' },
  'serving.read': { role: 'PUBLIC', why: 'which versions a process holds (modelCache, Model.loadedVersions)' },
  predict: { role: 'MEMBER', fields: ['Query.predict'], why: 'runs a model on caller data: CPU per row' },
  'predictions.log.read': { role: 'ADMIN', fields: ['Model.predictions'], why: 'holds the inputs callers sent' },
  'serving.stats.read': { role: 'ADMIN', fields: ['Model.servingStats'], why: 'traffic figures of every caller' },
  'serving.load': {
    role: 'ADMIN',
    fields: ['Mutation.loadModel', 'Mutation.unloadModel'],
    why: 'loads or unloads versions in every process',
  },
  'registry.write': {
    role: 'ADMIN',
    fields: ['Mutation.createModel', 'Mutation.setModelAlias', 'Mutation.deleteModelAlias', 'Mutation.setTrafficSplit'],
    why: 'decides what predict serves (aliases, traffic split)',
  },
  'training.start': { role: 'ADMIN', fields: ['Mutation.trainModel'], why: 'minutes of CPU; may promote a champion' },
  'import.start': {
    role: 'ADMIN',
    fields: ['Mutation.importSample', 'Mutation.importFiles'],
    why: 'rewrites the catalog',
  },
  'recommendations.run': {
    role: 'ADMIN',
    fields: ['Mutation.runRecommendations'],
    why: 'minutes of CPU on every worker; replaces the published recommendations',
  },
  'ingest.start': {
    role: 'ADMIN',
    fields: ['Mutation.ingestFromGithub'],
    why: "spends the deployment's GitHub quota and rewrites the catalog",
  },
  'okrs.write': {
    role: 'MEMBER',
    ownOnlyBelow: 'ADMIN',
    fields: [
      'Mutation.createObjective',
      'Mutation.updateObjective',
      'Mutation.archiveObjective',
      'Mutation.addKeyResult',
      'Mutation.updateKeyResult',
      'Mutation.removeKeyResult',
      'Mutation.checkIn',
    ],
    why: "members write their own objectives, key results and check-ins; admins anyone's",
  },
  'okrs.private.read': {
    role: 'MEMBER',
    ownOnlyBelow: 'ADMIN',
    why: 'a private objective is read by its owner and admins only (absent from everyone else’s lists and counts)',
  },
  'events.read': {
    role: 'ADMIN',
    fields: ['Query.events'],
    why: 'the activity log (Query.events, Subscription.events) says who did what across every user: admins only',
  },
  'pipeline.cancel': {
    role: 'MEMBER',
    ownOnlyBelow: 'ADMIN',
    fields: ['Mutation.cancelPipelineRun'],
    why: 'members stop runs they started; admins any run',
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

/** Who owns the thing acted on, for rules with `ownOnlyBelow` (the login that started a run). */
export interface Ownership {
  owner: string | null;
}

/** Whether `actor` may do `action` (on a thing owned by `ownership.owner`, where the rule cares). */
export function isAllowed(actor: Actor, action: Action, ownership?: Ownership): boolean {
  return denial(actor, action, ownership) === undefined;
}

/** Throws UNAUTHENTICATED (no token) or FORBIDDEN (naming the role needed) unless the policy allows it. */
export function authorize(actor: Actor, action: Action, ownership?: Ownership): void {
  const refusal = denial(actor, action, ownership);
  if (refusal) throw refusal;
}

function denial(actor: Actor, action: Action, ownership?: Ownership): AppError | undefined {
  const rule: Rule = POLICY[action];
  if (actor.kind === 'system' || rule.role === 'PUBLIC') return undefined;
  const details = { action, requiredRole: rule.role };
  if (actor.kind === 'anonymous') {
    return new AppError(
      ErrorCode.UNAUTHENTICATED,
      `${action} needs a signed-in caller with the ${rule.role} role: send "Authorization: Bearer <token>"`,
      details,
    );
  }
  if (!roleAtLeast(actor.role, rule.role)) {
    return new AppError(
      ErrorCode.FORBIDDEN,
      `${action} needs the ${rule.role} role; ${actor.login} has ${actor.role}`,
      details,
    );
  }
  if (rule.ownOnlyBelow && !roleAtLeast(actor.role, rule.ownOnlyBelow)) {
    const owner = ownership?.owner ?? null;
    if (owner === null || owner.toLowerCase() !== actor.login.toLowerCase()) {
      return new AppError(
        ErrorCode.FORBIDDEN,
        `${action}: ${actor.login} may act only on what is theirs (runs they started, objectives they own); others need the ${rule.ownOnlyBelow} role`,
        { ...details, requiredRole: rule.ownOnlyBelow },
      );
    }
  }
  return undefined;
}

/** The action guarding schema coordinate `field` ("Mutation.trainModel"), if any. */
export function actionGuarding(field: string): Action | undefined {
  for (const [action, rule] of Object.entries(POLICY) as Array<[Action, Rule]>)
    if (rule.fields?.includes(field)) return action;
  return undefined;
}
