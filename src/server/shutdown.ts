// Graceful shutdown on SIGTERM/SIGINT: the composition root lists what to close, in order (the server first, so
// nothing new arrives, then queues, cache, database), and this runs them one by one, logging each. A second
// signal, or running past the timeout, forces exit(1): an orchestrator's patience is finite and so is ours.
import type { Logger } from '../logger.js';

export interface ShutdownStep {
  name: string;
  close(): Promise<void>;
}

export interface ShutdownOptions {
  signals?: readonly NodeJS.Signals[];
  logger: Logger;
  /** Budget for every step together; give it some room beyond the server's SHUTDOWN_TIMEOUT_MS. */
  timeoutMs: number;
  steps: readonly ShutdownStep[];
  /** Defaults to process.exit; tests pass their own. */
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Starts the shutdown without a signal (e.g. after a fatal error); same steps, same logs, then exit. */
  shutdown(reason: string): Promise<void>;
  /** Removes the signal handlers (tests). */
  uninstall(): void;
}

export function installShutdown(options: ShutdownOptions): ShutdownHandle {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const logger = options.logger.child({ component: 'shutdown' });
  let running: Promise<void> | undefined;
  let currentStep = 'none';

  const run = async (reason: string): Promise<void> => {
    const startedAt = performance.now();
    logger.info({ reason, timeoutMs: options.timeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ step: currentStep, timeoutMs: options.timeoutMs }, 'shutdown timed out: forcing exit');
      exit(1);
    }, options.timeoutMs);
    let failed = false;
    for (const step of options.steps) {
      currentStep = step.name;
      const stepStartedAt = performance.now();
      logger.info({ step: step.name }, 'closing');
      try {
        await step.close();
        logger.info({ step: step.name, durationMs: Math.round(performance.now() - stepStartedAt) }, 'closed');
      } catch (error) {
        // Keep going: a failed server close must not leave the database connection open, and vice versa.
        failed = true;
        logger.error({ step: step.name, err: error }, 'closing failed');
      }
    }
    clearTimeout(timer);
    logger.info({ durationMs: Math.round(performance.now() - startedAt), failed }, 'shutdown complete');
    exit(failed ? 1 : 0);
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (running) {
      logger.warn({ signal, step: currentStep }, 'second signal during shutdown: forcing exit');
      exit(1);
      return;
    }
    running = run(`received ${signal}`);
  };

  for (const signal of signals) process.on(signal, onSignal);

  return {
    shutdown(reason) {
      running ??= run(reason);
      return running;
    },
    uninstall() {
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
