// A failed run keeps its reason as text only, so the code goes into the text: "RATE_LIMITED: GitHub's rate limit
// is used up …" reads the same in the pipelineRun API, the logs and the CLI. The mutation answers with the error
// itself (its code in `extensions.code`) and the id of the run it recorded as failed.
import { AppError, isAppError } from '../../errors.js';

export function withCodeInMessage(error: unknown): unknown {
  if (!isAppError(error)) return error;
  return new AppError(error.code, `${error.code}: ${error.message}`, error.details, { cause: error });
}

/** The error before `withCodeInMessage`, with the failed run's id in its details. */
export function withRunId(error: unknown, runId: string): unknown {
  const original = isAppError(error) && isAppError(error.cause) ? error.cause : error;
  if (!isAppError(original)) return original;
  return new AppError(original.code, original.message, { ...original.details, runId }, { cause: original });
}
