// Cancellation between batches: the run was asked to stop (shutdown, cancel), so the import ends at a batch
// boundary with nothing half-written. CONFLICT because the run's state, not the input, ended it.
import { AppError, ErrorCode } from '../../errors.js';

export function throwIfStopped(signal: AbortSignal, where: string): void {
  if (!signal.aborted) return;
  throw new AppError(
    ErrorCode.CONFLICT,
    `import stopped ${where}: the run was cancelled; batches written before stay, and running the import again completes it`,
    { reason: 'cancelled' },
  );
}
