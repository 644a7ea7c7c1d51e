import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, testRedisUrl } from '../../support/backends.js';
import { createTestApp, type TestApp } from '../../support/app.js';

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('System: serverInfo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports release, backends, the TensorFlow.js backend and uptime of the answering process', async () => {
    const result = await t.run(`{ serverInfo {
      version nodeVersion environment database cache pubsub startedAt uptimeSeconds
      tfjs { backend requested simd numTensors numBytes } } }`);
    expect(result.errors).toBeUndefined();
    const info = (result.data as { serverInfo: Record<string, unknown> }).serverInfo;
    expect(info).toMatchObject({
      version,
      nodeVersion: process.versions.node,
      environment: 'test',
      database: backendName,
      cache: testRedisUrl ? 'redis' : 'memory',
      pubsub: testRedisUrl ? 'redis' : 'memory',
      tfjs: {
        backend: 'wasm',
        requested: 'auto',
        simd: true,
        numTensors: expect.any(Number),
        numBytes: expect.any(Number),
      },
    });
    expect(info.uptimeSeconds).toBeGreaterThan(0);
    expect(Date.parse(info.startedAt as string)).toBeLessThanOrEqual(Date.now());
  });
});
