export { SystemService, packageVersion, type SystemInfo } from './system.service.js';
export { SystemResolver } from './system.resolver.js';
export { ServerInfo, TfjsInfo } from './system.type.js';
