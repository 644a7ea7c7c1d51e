import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import {
  DEFAULT_TRAINING_PARAMS,
  TRAINING_PARAM_RANGES,
  parseTrainingParams,
} from '../../../src/modules/training/index.js';

function refusal(input: unknown): AppError {
  try {
    parseTrainingParams(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('Training params: defaults and ranges', () => {
  it('fills every default when nothing (or null) is given', () => {
    expect(parseTrainingParams(undefined)).toEqual(DEFAULT_TRAINING_PARAMS);
    expect(parseTrainingParams({ epochs: null, seed: null })).toEqual(DEFAULT_TRAINING_PARAMS);
  });

  it('keeps given values and accepts both ends of each closed range', () => {
    for (const [name, range] of Object.entries(TRAINING_PARAM_RANGES)) {
      if (!range.minOpen) expect(parseTrainingParams({ [name]: range.min })).toMatchObject({ [name]: range.min });
      expect(parseTrainingParams({ [name]: range.max })).toMatchObject({ [name]: range.max });
    }
    expect(parseTrainingParams({ epochs: 3, learningRate: 0.5 })).toMatchObject({ epochs: 3, learningRate: 0.5 });
  });

  it.each([
    [{ epochs: 0 }, 'params.epochs must be a whole number from 1 to 200; got 0'],
    [{ epochs: 201 }, 'params.epochs must be a whole number from 1 to 200; got 201'],
    [{ epochs: 2.5 }, 'params.epochs must be a whole number from 1 to 200; got 2.5'],
    [{ batchSize: 4097 }, 'params.batchSize must be a whole number from 1 to 4096; got 4097'],
    [{ learningRate: 0 }, 'params.learningRate must be a number > 0 and ≤ 1; got 0'],
    [{ learningRate: 1.5 }, 'params.learningRate must be a number > 0 and ≤ 1; got 1.5'],
    [{ validationSplit: 0.01 }, 'params.validationSplit must be a number ≥ 0.05 and ≤ 0.5; got 0.01'],
    [{ validationSplit: 0.6 }, 'params.validationSplit must be a number ≥ 0.05 and ≤ 0.5; got 0.6'],
    [{ patience: -1 }, 'params.patience must be a whole number from 0 to 50; got -1'],
    [{ patience: 51 }, 'params.patience must be a whole number from 0 to 50; got 51'],
    [{ maxSamples: 5 }, 'params.maxSamples must be a whole number from 10 to 10000000; got 5'],
    [{ epochs: '10' }, 'params.epochs must be a whole number from 1 to 200; got "10"'],
    [{ l2: Number.NaN }, 'params.l2 must be a number ≥ 0 and ≤ 1; got null'],
  ])('refuses %j with BAD_USER_INPUT naming the param and its range', (input, message) => {
    const error = refusal(input);
    expect([error.code, error.message]).toEqual(['BAD_USER_INPUT', message]);
    const [name] = Object.keys(input);
    expect(error.details).toMatchObject({ argument: `params.${name}` });
  });

  it('refuses a param it does not know, listing the ones it does', () => {
    const error = refusal({ epoch: 3 });
    expect(error.message).toMatch(/^params\.epoch is not a training param; use epochs, batchSize, /);
  });
});
