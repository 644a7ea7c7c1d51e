// The params a kr-forecast TRAIN run takes (`trainModel(name: "kr-forecast", params: {...})`), checked like the
// classifier's: unknown names and values out of range are refused with the range, never trained with a default.
import { badInput } from '../../../errors.js';
import { DEFAULT_FORECAST_PARAMS, type ForecastTrainingParams } from './forecast-training.js';

const RANGES: Record<keyof ForecastTrainingParams, { min: number; max: number; integer: boolean }> = {
  seed: { min: 0, max: 2_147_483_647, integer: true },
  keyResults: { min: 200, max: 200_000, integer: true },
  snapshots: { min: 1, max: 10, integer: true },
  epochs: { min: 1, max: 300, integer: true },
  batchSize: { min: 8, max: 4096, integer: true },
  learningRate: { min: 1e-5, max: 1, integer: false },
  patience: { min: 0, max: 50, integer: true },
  hiddenUnits: { min: 4, max: 512, integer: true },
};

export function parseForecastParams(input: unknown, argument = 'params'): ForecastTrainingParams {
  const given = (input ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given))
    throw badInput(`${argument}: expected an object of kr-forecast training params`, { argument });
  const params = { ...DEFAULT_FORECAST_PARAMS };
  for (const [givenName, value] of Object.entries(given)) {
    if (value === null || value === undefined) continue; // as GraphQL sends a param left out
    // trainModel's shared params name the synthetic key results `maxSamples`.
    const name = givenName === 'maxSamples' ? 'keyResults' : givenName;
    const range = RANGES[name as keyof ForecastTrainingParams];
    if (!range)
      throw badInput(
        `${argument}.${name} is not a kr-forecast param; use ${Object.keys(RANGES).join(', ')} (maxSamples: keyResults)`,
        { argument: `${argument}.${name}` },
      );
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (range.integer && !Number.isInteger(value)) ||
      value < range.min ||
      value > range.max
    )
      throw badInput(
        `${argument}.${name} must be ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}; got ${JSON.stringify(value)}`,
        { argument: `${argument}.${name}`, min: range.min, max: range.max },
      );
    params[name as keyof ForecastTrainingParams] = value;
  }
  return params;
}
