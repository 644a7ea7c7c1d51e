import { describe, expect, it } from 'vitest';
import { sampleKeys, splitPart, TEST_SHARE } from '../../../src/modules/training/split.js';

const keys = Array.from({ length: 20_000 }, (_, i) => `owner-${i % 97}/repo-${i}`);

describe('Training split: by a hash of the key, the same everywhere', () => {
  it('gives a key the same part every time, whatever its case', () => {
    expect(splitPart('facebook/react', 0.15)).toBe(splitPart('Facebook/React', 0.15));
    expect(keys.map((key) => splitPart(key, 0.2))).toEqual(keys.map((key) => splitPart(key, 0.2)));
  });

  it('holds out about TEST_SHARE for testing, and validationSplit of the rest for validation', () => {
    const count = (part: string, split: number) => keys.filter((key) => splitPart(key, split) === part).length;
    expect(count('test', 0.15) / keys.length).toBeCloseTo(TEST_SHARE, 1);
    expect(count('validation', 0.15) / (keys.length * (1 - TEST_SHARE))).toBeCloseTo(0.15, 1);
    expect(count('validation', 0.5) / (keys.length * (1 - TEST_SHARE))).toBeCloseTo(0.5, 1);
  });

  it('keeps the test set the same whatever the validation split', () => {
    const tests = (split: number) => keys.filter((key) => splitPart(key, split) === 'test');
    expect(tests(0.05)).toEqual(tests(0.5));
  });

  it('samples a subset that does not depend on the order of the input', () => {
    const subset = sampleKeys(keys, 100, (key) => key);
    expect(subset).toHaveLength(100);
    expect(new Set(sampleKeys([...keys].reverse(), 100, (key) => key))).toEqual(new Set(subset));
    expect(sampleKeys(keys, null, (key) => key)).toHaveLength(keys.length);
  });
});
