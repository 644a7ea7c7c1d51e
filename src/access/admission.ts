// Before any operation runs, on HTTP and graphql-ws alike: its cost against the caller's limit, then the caller's
// rate-limit budget charged by that cost. A refused operation never reaches a resolver. Two steps so that a
// refused response still reports what it would have cost.
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Actor } from './actor.js';
import { checkCost, costLimitFor, type CostLimits, type CostVerdict } from './cost-limits.js';
import { measureCost } from './cost/measure.js';
import type { RateLimitState, RequestRateLimiter } from './rate-limiter.js';

export interface AdmissionPolicy {
  costLimits: CostLimits;
  /** Undefined with RATE_LIMIT=off. */
  rateLimiter: RequestRateLimiter | undefined;
}

export interface OperationToAdmit {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
}

/** The operation's cost and the caller's limit; undefined when its variables do not coerce (see measure.ts). */
export function assessCost(policy: AdmissionPolicy, actor: Actor, op: OperationToAdmit): CostVerdict | undefined {
  const requested = measureCost(op.schema, op.document, op.operationName, op.variables);
  return requested === undefined ? undefined : { requested, limit: costLimitFor(actor, policy.costLimits) };
}

/** Refuses an operation over its limit (BAD_USER_INPUT) or over the caller's budget (RATE_LIMITED), else charges. */
export async function admitCost(
  policy: AdmissionPolicy,
  actor: Actor,
  verdict: CostVerdict,
): Promise<RateLimitState | undefined> {
  checkCost(actor, verdict.requested, policy.costLimits);
  return policy.rateLimiter?.charge(actor, verdict.requested);
}
