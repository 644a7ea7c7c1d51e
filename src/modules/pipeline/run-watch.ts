// A run's change stream, as subscriptions and the first start follow it: the run as it is now, then every recorded
// change until it ends. It subscribes before reading, so no change between the read and the subscription is lost;
// after a pubsub outage (Redis reconnected) changes published meanwhile are lost, so the run is read again and a
// dashboard never keeps showing a stale stage until the next change.
import type { AppPubSub } from '../../infra/pubsub/index.js';
import { fromSnapshot, TERMINAL_STATUSES, type PipelineRunRecord } from './pipeline-run.record.js';

/** A one-shot event to await: `fired` resolves on the first fire(). */
function signal(): { fired: Promise<void>; fire(): void } {
  let fire = () => undefined as void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
}

const recordedAt = (run: PipelineRunRecord) => (run.finishedAt ?? run.heartbeatAt ?? run.createdAt).getTime();

export async function* watchRun(
  pubsub: AppPubSub,
  get: (id: string) => Promise<PipelineRunRecord>,
  id: string,
): AsyncGenerator<PipelineRunRecord> {
  const updates = pubsub.subscribe('pipelineRunUpdated', id);
  let resumed = signal();
  const stopResuming = pubsub.onResumed(() => resumed.fire());
  // Repeaters are lazy: asking for the first update now is what subscribes, before the read below.
  let next = updates.next();
  try {
    const current = await get(id);
    yield current;
    if (TERMINAL_STATUSES.has(current.status)) return;
    let seenAt = recordedAt(current);
    for (;;) {
      const event = await Promise.race([next, resumed.fired.then(() => 'resumed' as const)]);
      let run: PipelineRunRecord;
      if (event === 'resumed') {
        resumed = signal();
        run = await get(id);
      } else {
        if (event.done) return;
        next = updates.next();
        run = fromSnapshot(event.value);
      }
      // A change recorded before the read above may arrive after it: it is older than what was sent.
      if (recordedAt(run) < seenAt || (event === 'resumed' && recordedAt(run) === seenAt)) continue;
      seenAt = recordedAt(run);
      yield run;
      if (TERMINAL_STATUSES.has(run.status)) return;
    }
  } finally {
    stopResuming();
    await updates.return?.();
  }
}
