// The end of `npm run ingest`: rejected records (which, from which request, why), then counts per kind.
import { INGEST_KINDS, type IngestSummary } from '../modules/ingest/index.js';
import { seconds } from './progress-display.js';

const REJECTIONS_SHOWN = 20;
const COLUMNS = ['inserted', 'updated', 'unchanged', 'rejected'] as const;

export function printIngestReport(summary: IngestSummary): void {
  const out: string[] = [];
  for (const kind of INGEST_KINDS) {
    const rejected = summary.rejections.filter((r) => r.kind === kind);
    const count = summary.counts[kind].rejected;
    if (count === 0) continue;
    out.push('', `${kind}: ${count} rejected`);
    for (const r of rejected.slice(0, REJECTIONS_SHOWN)) out.push(`  ${r.item} (${r.request}): ${r.reason}`);
    if (count > Math.min(rejected.length, REJECTIONS_SHOWN)) {
      out.push(`  ... and ${count - Math.min(rejected.length, REJECTIONS_SHOWN)} more`);
    }
  }

  const header = ['kind', ...COLUMNS];
  const rows = [
    ...INGEST_KINDS.map((kind) => [kind, ...COLUMNS.map((column) => summary.counts[kind][column])]),
    ['total', ...COLUMNS.map((column) => summary.totals[column])],
  ].map((row) => row.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  out.push('', line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line));

  const { sent, notModified, notFound } = summary.requests;
  out.push(
    '',
    `requests: ${sent} sent, ${notModified} not modified (free), ${notFound} not found, in ${seconds(summary.durationMs)}`,
  );
  if (summary.rateLimit) {
    const { remaining, limit, resetAt } = summary.rateLimit;
    out.push(`rate limit: ${remaining} of ${limit} left, resets at ${resetAt}`);
  }
  if (summary.refreshSince) out.push(`refresh: repositories pushed since ${summary.refreshSince}`);
  if (summary.skipped > 0) out.push(`skipped (not pushed since then): ${summary.skipped}`);
  if (summary.topicsCreated > 0) out.push(`also created: ${summary.topicsCreated} topic(s) named on repositories`);
  for (const warning of summary.warnings) out.push(`warning: ${warning}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
