// What subscribers of a pipeline run hear: the pipelineRunUpdated events a pubsub carries for one run.
import type { AppPubSub, PipelineRunSnapshot } from '../../src/infra/pubsub/index.js';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Records what the pubsub carries for one run, from now until it ends (`ended`), or until stop(). */
export function recordRunEvents(pubsub: AppPubSub, runId: string) {
  const events: PipelineRunSnapshot[] = [];
  const updates = pubsub.subscribe('pipelineRunUpdated', runId);
  // The loop calls next() synchronously, which attaches the listener before this function returns.
  const ended = (async () => {
    for await (const event of updates) {
      events.push(event);
      if (TERMINAL.has(event.status)) return;
    }
  })();
  return { events, ended, stop: () => updates.return?.() };
}
