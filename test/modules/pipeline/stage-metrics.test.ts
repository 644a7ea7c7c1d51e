import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { RunContext, type RunState } from '../../../src/modules/pipeline/run-context.js';
import { withStageMetrics, type StageRecord } from '../../../src/modules/pipeline/stages.js';

const stage = (name: string, status: StageRecord['status']): StageRecord => ({
  name,
  status,
  processed: 0,
  total: null,
  startedAt: '2026-11-23T10:00:00.000Z',
  finishedAt: status === 'RUNNING' ? null : '2026-11-23T10:00:01.000Z',
});

describe('Stage metrics: the latest measurements of the running stage', () => {
  it('sets a copy of the metrics on the running stage only, replacing earlier ones', () => {
    const values = { epoch: 1, loss: 0.5 };
    const stages = withStageMetrics([stage('load', 'SUCCEEDED'), stage('train', 'RUNNING')], values);
    values.epoch = 99;
    expect(stages.map((s) => s.metrics)).toEqual([undefined, { epoch: 1, loss: 0.5 }]);
    expect(withStageMetrics(stages, { epoch: 2 })[1]!.metrics).toEqual({ epoch: 2 });
  });

  it('records each report at once (not batched), with the count, and keeps them on the closed stage', async () => {
    const writes: RunState[] = [];
    const context = new RunContext(
      'run',
      createLogger('silent'),
      new AbortController().signal,
      async (state) => void writes.push(state),
      60_000, // batched writes would wait a minute: only unbatched ones land in this test
    );
    await context.stage('train', 3);
    for (let epoch = 1; epoch <= 3; epoch++) {
      context.advance(1);
      await context.metrics({ epoch, loss: 1 / epoch });
    }
    expect(writes.slice(1).map((w) => [w.stages[0]!.processed, w.stages[0]!.metrics])).toEqual([
      [1, { epoch: 1, loss: 1 }],
      [2, { epoch: 2, loss: 0.5 }],
      [3, { epoch: 3, loss: 1 / 3 }],
    ]);
    expect(context.finish('SUCCEEDED').stages[0]).toMatchObject({ status: 'SUCCEEDED', metrics: { epoch: 3 } });
  });
});
