// An outage is told once: a warning when the first request fails for a dependency, silence while it lasts, one
// line with the count when no request has failed for it for a while. Not a stack trace per request.
import { describe, expect, it } from 'vitest';
import { OutageLog } from '../../src/server/plugins/outage-log.js';
import { captureLogger, type LogLine } from './test-server.js';

describe('Server: outage log', () => {
  it('logs the start once, counts the requests it affected, and logs the end once it has been quiet', async () => {
    const lines: LogLine[] = [];
    const logger = captureLogger(lines);
    const log = new OutageLog(40);
    for (let i = 0; i < 50; i++) log.report(logger, 'the database', new Error('connect ECONNREFUSED'));
    log.report(logger, 'Redis', new Error('Connection is closed.'));
    expect(lines.filter((line) => line.level === 40).map((line) => line['dependency'])).toEqual([
      'the database',
      'Redis',
    ]);
    expect(log.current).toEqual(['the database', 'Redis']);

    await expect.poll(() => log.current, { timeout: 5_000 }).toEqual([]);
    const over = lines.filter((line) => String(line.msg).includes('outage over'));
    expect(over.map((line) => [line['dependency'], line['affected']])).toEqual(
      expect.arrayContaining([
        ['the database', 50],
        ['Redis', 1],
      ]),
    );
    expect(over).toHaveLength(2);

    // A later failure is a new outage, logged as such.
    log.report(logger, 'the database', new Error('again'));
    expect(lines.filter((line) => line.level === 40 && line['dependency'] === 'the database')).toHaveLength(2);
  });
});
