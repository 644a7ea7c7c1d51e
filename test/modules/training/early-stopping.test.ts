import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../src/modules/training/early-stopping.js';

describe('Early stopping: after `patience` epochs without a better validation loss', () => {
  it('stops at the (patience + 1)-th epoch in a row that does not improve, remembering the best epoch', () => {
    const stopping = new EarlyStopping(2);
    expect(stopping.observe(1, 1.0)).toEqual({ improved: true, stop: false });
    expect(stopping.observe(2, 0.8)).toEqual({ improved: true, stop: false });
    expect(stopping.observe(3, 0.85)).toEqual({ improved: false, stop: false });
    expect(stopping.observe(4, 0.8)).toEqual({ improved: false, stop: false });
    expect(stopping.observe(5, 0.9)).toEqual({ improved: false, stop: true });
    expect([stopping.bestEpoch, stopping.bestLoss]).toEqual([2, 0.8]);
  });

  it('patience 0 stops at the first epoch that does not improve; an improvement resets the count', () => {
    const stopping = new EarlyStopping(0);
    stopping.observe(1, 1);
    expect(stopping.observe(2, 1.5).stop).toBe(true);
    const patient = new EarlyStopping(1);
    patient.observe(1, 1);
    patient.observe(2, 1.1);
    expect(patient.observe(3, 0.5)).toEqual({ improved: true, stop: false });
    expect(patient.observe(4, 0.6).stop).toBe(false);
  });

  it('a gain smaller than minDelta is no improvement', () => {
    const stopping = new EarlyStopping(0, 0.01);
    stopping.observe(1, 1);
    expect(stopping.observe(2, 0.995)).toEqual({ improved: false, stop: true });
  });
});
