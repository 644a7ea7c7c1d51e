import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from '../../../src/modules/import/timestamp.js';

describe('Import: parseIsoTimestamp reads ISO 8601 the way GitHub writes it', () => {
  it.each([
    ['2023-12-13T18:09:58Z', '2023-12-13T18:09:58.000Z'],
    ['2024-01-05', '2024-01-05T00:00:00.000Z'],
    ['2024-02-29T23:59:59.123456Z', '2024-02-29T23:59:59.123Z'],
    ['2023-12-13T20:09:58+02:00', '2023-12-13T18:09:58.000Z'],
    ['2023-12-13T20:09:58+0200', '2023-12-13T18:09:58.000Z'],
    ['2023-12-13 18:09', '2023-12-13T18:09:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseIsoTimestamp(text)?.toISOString()).toBe(iso);
  });

  it('reads a date-time without a zone as UTC, not as the machine zone', () => {
    expect(parseIsoTimestamp('2023-12-13T18:09:58')?.toISOString()).toBe('2023-12-13T18:09:58.000Z');
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60:00Z',
    '13/12/2023',
    'yesterday',
    '',
    '2024-1-5',
  ])('rejects %j', (text) => {
    expect(parseIsoTimestamp(text)).toBeNull();
  });
});
