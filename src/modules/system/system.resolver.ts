import { FieldResolver, Query, Resolver } from 'type-graphql';
import type { SystemService } from './system.service.js';
import { PipelineExecution, ServerInfo, TfjsInfo } from './system.type.js';

@Resolver(() => ServerInfo)
export class SystemResolver {
  constructor(private readonly system: SystemService) {}

  @Query(() => ServerInfo, { description: 'Release, backends and uptime of the API process that answers.' })
  serverInfo(): ServerInfo {
    const info = this.system.info();
    return Object.assign(new ServerInfo(), { ...info, tfjs: Object.assign(new TfjsInfo(), info.tfjs) });
  }

  // A field resolver, so only a query that asks for it reads the queue.
  @FieldResolver(() => PipelineExecution, {
    nullable: true,
    description: 'How pipeline runs execute: queue or inline, workers, runs waiting. Null when Redis cannot be read.',
  })
  async pipelines(): Promise<PipelineExecution> {
    return Object.assign(new PipelineExecution(), await this.system.pipelines());
  }
}
