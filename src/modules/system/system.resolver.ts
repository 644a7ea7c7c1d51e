import { Query, Resolver } from 'type-graphql';
import type { SystemService } from './system.service.js';
import { ServerInfo, TfjsInfo } from './system.type.js';

@Resolver(() => ServerInfo)
export class SystemResolver {
  constructor(private readonly system: SystemService) {}

  @Query(() => ServerInfo, { description: 'Release, backends and uptime of the API process that answers.' })
  serverInfo(): ServerInfo {
    const info = this.system.info();
    return Object.assign(new ServerInfo(), { ...info, tfjs: Object.assign(new TfjsInfo(), info.tfjs) });
  }
}
