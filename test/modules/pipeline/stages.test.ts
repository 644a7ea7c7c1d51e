import { describe, expect, it } from 'vitest';
import {
  closeStage,
  fractionDone,
  openStage,
  overallProgress,
  type StageRecord,
} from '../../../src/modules/pipeline/stages.js';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const T1 = new Date('2026-11-23T10:00:05.000Z');
const T2 = new Date('2026-11-23T10:00:09.000Z');

const running = (name: string, total: number | null = null, processed = 0): StageRecord => ({
  name,
  status: 'RUNNING',
  processed,
  total,
  startedAt: T0.toISOString(),
  finishedAt: null,
});

describe('Stages: openStage starts a stage and closes the running one', () => {
  it('opens the first stage as RUNNING with nothing processed', () => {
    expect(openStage([], 'fetch', 10, 0, T0)).toEqual([
      { name: 'fetch', status: 'RUNNING', processed: 0, total: 10, startedAt: T0.toISOString(), finishedAt: null },
    ]);
  });

  it('keeps an unknown total as null', () => {
    expect(openStage([], 'fetch', null, 0, T0)[0]?.total).toBeNull();
  });

  it('closes the running stage as SUCCEEDED with its final count, at the moment the next one starts', () => {
    const stages = openStage([running('fetch', 10, 3)], 'store', 4, 10, T1);
    expect(stages).toEqual([
      {
        name: 'fetch',
        status: 'SUCCEEDED',
        processed: 10,
        total: 10,
        startedAt: T0.toISOString(),
        finishedAt: T1.toISOString(),
      },
      { name: 'store', status: 'RUNNING', processed: 0, total: 4, startedAt: T1.toISOString(), finishedAt: null },
    ]);
  });

  it('leaves stages that already ended untouched', () => {
    const done: StageRecord = { ...running('fetch', 2, 2), status: 'FAILED', finishedAt: T1.toISOString() };
    const stages = openStage([done, running('store')], 'publish', null, 7, T2);
    expect(stages[0]).toBe(done);
    expect(stages.map((s) => [s.name, s.status, s.processed])).toEqual([
      ['fetch', 'FAILED', 2],
      ['store', 'SUCCEEDED', 7],
      ['publish', 'RUNNING', 0],
    ]);
  });

  it('allows a stage name to repeat (a second pass is a new stage)', () => {
    const stages = openStage(openStage([], 'batch', 1, 0, T0), 'batch', 1, 1, T1);
    expect(stages.map((s) => [s.name, s.status])).toEqual([
      ['batch', 'SUCCEEDED'],
      ['batch', 'RUNNING'],
    ]);
  });

  it('never mutates the stages it was given', () => {
    const before = [running('fetch', 5, 1)];
    const copy = structuredClone(before);
    openStage(before, 'store', null, 5, T1);
    expect(before).toEqual(copy);
  });
});

describe('Stages: closeStage ends the running stage', () => {
  it('closes the running stage with the given status, count and time', () => {
    expect(closeStage([running('fetch', 8, 2)], 'FAILED', 5, T1)).toEqual([
      {
        name: 'fetch',
        status: 'FAILED',
        processed: 5,
        total: 8,
        startedAt: T0.toISOString(),
        finishedAt: T1.toISOString(),
      },
    ]);
    expect(closeStage([running('fetch')], 'SUCCEEDED', 0, T1)[0]?.status).toBe('SUCCEEDED');
  });

  it('changes nothing when no stage is running (e.g. closing twice)', () => {
    const once = closeStage([running('fetch')], 'SUCCEEDED', 1, T1);
    expect(closeStage(once, 'FAILED', 99, T2)).toEqual(once);
    expect(closeStage([], 'FAILED', 0, T2)).toEqual([]);
  });

  it('keeps ended stages as they were', () => {
    const ended: StageRecord = { ...running('fetch', 3, 3), status: 'SUCCEEDED', finishedAt: T1.toISOString() };
    expect(closeStage([ended, running('store')], 'FAILED', 2, T2)).toEqual([
      ended,
      { ...running('store'), status: 'FAILED', processed: 2, finishedAt: T2.toISOString() },
    ]);
  });

  it('never mutates the stages it was given', () => {
    const before = [running('fetch', 5, 1)];
    const copy = structuredClone(before);
    closeStage(before, 'FAILED', 4, T1);
    expect(before).toEqual(copy);
  });
});

describe('Stages: fractionDone is processed / total, clamped to [0, 1]', () => {
  it.each([
    [0, 4, 0],
    [1, 4, 0.25],
    [3, 4, 0.75],
    [4, 4, 1],
    [1, 3, 1 / 3],
  ])('%i of %i is %d', (processed, total, expected) => {
    expect(fractionDone(processed, total)).toBeCloseTo(expected, 12);
  });

  it('is unknown (null) while the total is unknown, whatever was processed', () => {
    expect(fractionDone(0, null)).toBeNull();
    expect(fractionDone(10, null)).toBeNull();
    expect(fractionDone(10, undefined)).toBeNull();
  });

  it('is complete for a stage of zero items', () => {
    expect(fractionDone(0, 0)).toBe(1);
  });

  it('treats a negative total like an empty stage', () => {
    expect(fractionDone(0, -5)).toBe(1);
  });

  it('never exceeds 1 when more was processed than announced', () => {
    expect(fractionDone(7, 4)).toBe(1);
    expect(fractionDone(5, 0)).toBe(1);
  });

  it('never goes below 0', () => {
    expect(fractionDone(-3, 4)).toBe(0);
  });
});

describe('Stages: overallProgress counts the declared stages equally', () => {
  const done = (name: string): StageRecord => ({ ...running(name, 2, 2), status: 'SUCCEEDED' });
  const run = (over: Partial<Parameters<typeof overallProgress>[0]>) => ({
    status: 'RUNNING',
    plannedStages: [] as string[],
    stages: [] as StageRecord[],
    processed: 0,
    total: null as number | null,
    ...over,
  });

  it('is 0 before the first stage, and 1 once the run succeeded whatever was recorded', () => {
    expect(overallProgress(run({ plannedStages: ['a', 'b'] }))).toBe(0);
    expect(overallProgress(run({ status: 'SUCCEEDED', plannedStages: ['a', 'b'] }))).toBe(1);
  });

  it('adds the running stage by its share done, and 0 while its total is unknown', () => {
    const planned = ['a', 'b', 'c', 'd'];
    expect(
      overallProgress(run({ plannedStages: planned, stages: [done('a'), running('b', 10)], processed: 5, total: 10 })),
    ).toBe(0.375);
    expect(overallProgress(run({ plannedStages: planned, stages: [done('a'), running('b')], processed: 5 }))).toBe(
      0.25,
    );
  });

  it('never decreases as stages advance, and never leaves [0, 1]', () => {
    const planned = ['a', 'b', 'c'];
    let last = 0;
    for (let stage = 0; stage < planned.length; stage++)
      for (let processed = 0; processed <= 4; processed++) {
        const stages = [...planned.slice(0, stage).map(done), running(planned[stage]!, 4, processed)];
        const value = overallProgress(run({ plannedStages: planned, stages, processed, total: 4 }))!;
        expect(value).toBeGreaterThanOrEqual(last);
        expect(value).toBeLessThanOrEqual(1);
        last = value;
      }
  });

  it('without declared stages, is the current stage share (null while unknown), as before', () => {
    expect(overallProgress(run({ processed: 3, total: 4 }))).toBe(0.75);
    expect(overallProgress(run({ processed: 3 }))).toBeNull();
  });
});
