import { describe, expect, it } from 'vitest';
import { routeRequest, storedTrafficSplit, validateTrafficSplit } from '../../../src/modules/registry/traffic-split.js';

const aliases = new Set(['champion', 'challenger']);

describe('Traffic split: validation', () => {
  it('accepts positive weights on existing aliases; an empty split removes it', () => {
    expect(
      validateTrafficSplit(
        [
          { alias: 'champion', weight: 9 },
          { alias: 'challenger', weight: 1 },
        ],
        aliases,
      ),
    ).toHaveLength(2);
    expect(validateTrafficSplit([], aliases)).toEqual([]);
  });

  it.each([
    [[{ alias: 'champion', weight: 0 }], 'routes[0].weight: must be a positive number, got 0'],
    [[{ alias: 'champion', weight: -1 }], 'must be a positive number'],
    [[{ alias: 'champion', weight: Number.NaN }], 'must be a positive number'],
    [[{ alias: 'shadow', weight: 1 }], 'routes[0].alias: the model has no alias "shadow"'],
    [
      [
        { alias: 'champion', weight: 1 },
        { alias: 'champion', weight: 2 },
      ],
      'routes[1].alias: "champion" appears twice',
    ],
    [[{ alias: 'Champion!', weight: 1 }], 'is not an alias'],
  ])('refuses %j', (routes, message) => {
    expect(() => validateTrafficSplit(routes, aliases)).toThrow(message);
  });

  it('ignores malformed stored values rather than serving them', () => {
    expect(storedTrafficSplit({})).toEqual([]);
    expect(storedTrafficSplit([{ alias: 'a', weight: 1 }, { alias: 'b', weight: -1 }, 'x'])).toEqual([
      { alias: 'a', weight: 1 },
    ]);
  });
});

describe('Traffic split: routing', () => {
  const split = [
    { alias: 'champion', weight: 90 },
    { alias: 'challenger', weight: 10 },
  ];

  it('routes by weight with random draws', () => {
    expect(routeRequest(split, null, 'm', () => 0)).toBe('champion');
    expect(routeRequest(split, null, 'm', () => 0.899)).toBe('champion');
    expect(routeRequest(split, null, 'm', () => 0.9)).toBe('challenger');
    expect(routeRequest(split, null, 'm', () => 0.999999)).toBe('challenger');
  });

  it('is sticky per routing key, and keys spread by weight (similar keys included)', () => {
    const counts = { champion: 0, challenger: 0 };
    for (let i = 0; i < 10_000; i++) {
      const key = `user-${i}`;
      const alias = routeRequest(split, key, 'kr-forecast') as keyof typeof counts;
      expect(routeRequest(split, key, 'kr-forecast')).toBe(alias);
      counts[alias] += 1;
    }
    expect(counts.challenger).toBeGreaterThan(850);
    expect(counts.challenger).toBeLessThan(1150);
  });

  it('salts with the model name, so two experiments do not route the same users together', () => {
    const even = [
      { alias: 'champion', weight: 1 },
      { alias: 'challenger', weight: 1 },
    ];
    let same = 0;
    for (let i = 0; i < 2_000; i++)
      if (routeRequest(even, `u${i}`, 'model-a') === routeRequest(even, `u${i}`, 'model-b')) same += 1;
    expect(same).toBeGreaterThan(850);
    expect(same).toBeLessThan(1150);
  });
});
