// Changes of OKRs as events: published after each write commits (so a subscriber that reads again sees it), on
// two topics, by objective (objectiveUpdated) and by owner (okrActivity), through the pubsub port (Redis between
// processes). Subscribers get what the viewer may see at the moment of the event: an objective made private
// since they subscribed stops arriving.
import { actorName, type Actor } from '../../access/index.js';
import type { ActivityEventPayload, AppPubSub, OkrChangePayload } from '../../infra/pubsub/index.js';
import { announceActivity, recordActivity, type ActivityType } from '../events/index.js';
import type { Tx } from './okr-transaction.js';
import type { ObjectiveReads } from './objective-reads.service.js';
import type { ObjectiveRecord } from './okr-records.js';

export const OKR_CHANGE_KINDS = [
  'OBJECTIVE_CREATED',
  'OBJECTIVE_UPDATED',
  'OBJECTIVE_ARCHIVED',
  'KEY_RESULT_ADDED',
  'KEY_RESULT_UPDATED',
  'KEY_RESULT_REMOVED',
  'CHECK_IN',
] as const;
export type OkrChangeKind = (typeof OKR_CHANGE_KINDS)[number];

export interface OkrChange {
  kind: OkrChangeKind;
  objectiveId: number;
  ownerLogin: string;
  keyResultId?: number | null;
  checkInId?: number | null;
}

export interface OkrActivityEvent {
  change: OkrChangePayload;
  objective: ObjectiveRecord;
}

const ACTIVITY_TYPE: Record<OkrChangeKind, ActivityType> = {
  OBJECTIVE_CREATED: 'objective.created',
  OBJECTIVE_UPDATED: 'objective.updated',
  OBJECTIVE_ARCHIVED: 'objective.archived',
  KEY_RESULT_ADDED: 'keyResult.added',
  KEY_RESULT_UPDATED: 'keyResult.updated',
  KEY_RESULT_REMOVED: 'keyResult.removed',
  CHECK_IN: 'checkIn.created',
};

/** Work that must be done before subscribers hear of a change (the key result's forecast is recomputed). */
export type BeforePublish = (change: OkrChange) => Promise<void>;

export class OkrChanges {
  constructor(
    private readonly pubsub: AppPubSub,
    private readonly reads: ObjectiveReads,
    private readonly beforePublish: BeforePublish = async () => {},
  ) {}

  /**
   * Records the change in the activity log with the writer's transaction `tx` (so it is there exactly when the
   * change is); `details` are the event's payload beside the ids. Returns the event for `publish`.
   */
  async record(
    tx: Tx,
    change: OkrChange,
    actor: Actor,
    details: Record<string, unknown>,
  ): Promise<ActivityEventPayload[]> {
    const subject = change.keyResultId != null ? `keyResult:${change.keyResultId}` : `objective:${change.objectiveId}`;
    return recordActivity(tx, [
      {
        type: ACTIVITY_TYPE[change.kind],
        actor,
        subject,
        payload: {
          objectiveId: change.objectiveId,
          owner: change.ownerLogin,
          ...(change.keyResultId != null ? { keyResultId: change.keyResultId } : {}),
          ...(change.checkInId != null ? { checkInId: change.checkInId } : {}),
          ...details,
        },
      },
    ]);
  }

  /**
   * After the change committed: runs `beforePublish` (its failure does not stop the event), then publishes the
   * change (objectiveUpdated, okrActivity) and its recorded activity events (Subscription.events).
   */
  async publish(change: OkrChange, actor: Actor, recorded: readonly ActivityEventPayload[] = []): Promise<void> {
    await this.beforePublish(change).catch(() => undefined);
    announceActivity(this.pubsub, recorded);
    const payload: OkrChangePayload = {
      kind: change.kind,
      objectiveId: change.objectiveId,
      ownerLogin: change.ownerLogin,
      keyResultId: change.keyResultId ?? null,
      checkInId: change.checkInId ?? null,
      actor: actorName(actor),
      at: new Date().toISOString(),
    };
    this.pubsub.publish('okrChanged', String(change.objectiveId), payload);
    this.pubsub.publish('okrActivity', change.ownerLogin.toLowerCase(), payload);
  }

  /** The objective as the viewer sees it after each change; NOT_FOUND at once when they may not see it now. */
  async objectiveUpdates(id: number, viewer: Actor): Promise<AsyncIterable<ObjectiveRecord>> {
    await this.reads.get(id, viewer);
    const events = this.pubsub.subscribe('okrChanged', String(id));
    const reads = this.reads;
    return (async function* () {
      try {
        for await (const _change of events as AsyncIterable<OkrChangePayload>) {
          const objective = (await reads.findByIds([id], viewer)).get(id);
          if (objective) yield objective;
        }
      } finally {
        await events.return();
      }
    })();
  }

  /** Every change to the owner's objectives the viewer may see, with the objective as it is now. */
  activity(ownerLogin: string, viewer: Actor): AsyncIterable<OkrActivityEvent> {
    const events = this.pubsub.subscribe('okrActivity', ownerLogin.trim().toLowerCase());
    const reads = this.reads;
    return (async function* () {
      try {
        for await (const change of events as AsyncIterable<OkrChangePayload>) {
          const objective = (await reads.findByIds([change.objectiveId], viewer)).get(change.objectiveId);
          if (objective) yield { change, objective };
        }
      } finally {
        await events.return();
      }
    })();
  }
}
