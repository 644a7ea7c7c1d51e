// The system module: what this process is and runs on (serverInfo), who the caller is (viewer), how pipeline runs execute, and the warning
// when runs wait in the queue with no worker connected (started by API processes in queue mode only: a worker
// process is itself what the warning asks for).
import { defineModule } from '../module.js';
import { NoWorkerWatch } from './no-worker-watch.js';
import { SystemResolver } from './system.resolver.js';
import { SystemService } from './system.service.js';
import { ViewerResolver } from './viewer.resolver.js';

export { SystemService, packageVersion, type PipelineExecutionInfo, type SystemInfo } from './system.service.js';
export { PipelineExecution, ServerInfo, TfjsInfo } from './system.type.js';
export { NoWorkerWatch, START_WORKER_COMMAND, type NoWorkerWatchOptions } from './no-worker-watch.js';

export interface SystemServices {
  system: SystemService;
  noWorkerWatch: NoWorkerWatch;
}

declare module '../module.js' {
  interface ModuleServices {
    system: SystemServices;
  }
}

export const systemModule = defineModule({
  name: 'system',
  resolvers: [SystemResolver, ViewerResolver],
  create: ({ config, db, ml, logger }, modules): SystemServices => {
    const { health } = modules.get('pipeline');
    const noWorkerWatch = new NoWorkerWatch({
      read: async () => (await health.get()).value,
      warnAfterMs: config.QUEUE_NO_WORKER_WARN_MS,
      logger,
    });
    const system = new SystemService({
      environment: config.NODE_ENV,
      database: db.kind,
      cache: config.redis ? 'redis' : 'memory',
      pubsub: config.redis ? 'redis' : 'memory',
      ml,
      pipelines: { health: () => health.get(), warning: () => noWorkerWatch.warning },
    });
    return { system, noWorkerWatch };
  },
  resolverInstances: ({ system }) => [new SystemResolver(system), new ViewerResolver()],
  close: ({ noWorkerWatch }) => noWorkerWatch.stop(),
});
