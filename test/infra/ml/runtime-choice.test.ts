// A separate file (its own process): TensorFlow.js backends are process-global, and this one asks for others.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { initMlRuntime } from '../../../src/infra/ml/index.js';

const logger = createLogger('silent');

describe('ML runtime: TFJS_BACKEND names the backend', () => {
  it('fails clearly when it names tensorflow and @tensorflow/tfjs-node is not installed', async () => {
    await expect(initMlRuntime({ backend: 'tensorflow', logger })).rejects.toThrow(
      'TFJS_BACKEND=tensorflow cannot start (tensorflow: @tensorflow/tfjs-node is not installed); set TFJS_BACKEND=auto to fall back to another backend',
    );
  });

  it('runs on the plain JavaScript backend when asked (after a failed start, a new choice is allowed)', async () => {
    const runtime = await initMlRuntime({ backend: 'cpu', logger });
    expect(runtime.backend).toBe('cpu');
    expect(runtime.tf.getBackend()).toBe('cpu');
    expect(runtime.simd).toBeUndefined();
    const sum = runtime.tf.tidy(() => runtime.tf.add(runtime.tf.scalar(2), runtime.tf.scalar(3)).dataSync()[0]);
    expect(sum).toBe(5);
  });
});
