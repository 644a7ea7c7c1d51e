// Services fail with AppError (src/errors.ts): its code and message are what clients see, so tests check both.
import { expect } from 'vitest';
import { AppError } from '../../src/errors.js';

/** The AppError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.fail('expected an AppError'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Runs `work` and returns the AppError it rejects with (fails the test on anything else). */
export const appError = (work: () => Promise<unknown>): Promise<AppError> => rejection(work());
