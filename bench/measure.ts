// One measurement of a benchmark row: a closed-loop load on the server's /graphql, with the CPU the server process
// and this (load-generating) process used meanwhile, in % of one core.
import type { Measurement } from './api-report.js';
import { runLoad } from './load.js';
import { readProc } from './proc-sampler.js';

export async function measureLoad(options: {
  url: string;
  serverPid: number;
  body: () => string;
  concurrency: number;
  durationMs: number;
  headers?: Record<string, string>;
}): Promise<Measurement> {
  const serverBefore = readProc(options.serverPid)?.cpuMs ?? 0;
  const selfBefore = process.cpuUsage();
  const load = await runLoad({
    url: options.url,
    body: options.body,
    concurrency: options.concurrency,
    durationMs: options.durationMs,
    ...(options.headers ? { headers: options.headers } : {}),
    check: (json) => !(json as { errors?: unknown }).errors,
  });
  const self = process.cpuUsage(selfBefore);
  const serverMs = (readProc(options.serverPid)?.cpuMs ?? serverBefore) - serverBefore;
  return {
    load,
    serverCpu: (serverMs / load.durationMs) * 100,
    loadCpu: ((self.user + self.system) / 1000 / load.durationMs) * 100,
  };
}
