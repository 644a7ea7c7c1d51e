// Raw measurements of one import run as CSV files (`--samples DIR`), for plotting or a closer look than the
// markdown tables give: RSS every 100 ms, the progress lines, and the full garbage collections.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildRun } from './import-child.js';

const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';

export function saveSamples(dir: string, name: string, run: ChildRun): void {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, name);
  writeFileSync(
    `${base}.rss.csv`,
    csv(
      't_ms,rss_kib,hwm_kib,cpu_ms',
      run.samples.map((s) => `${s.t.toFixed(0)},${s.rssKiB},${s.hwmKiB},${s.cpuMs}`),
    ),
  );
  writeFileSync(
    `${base}.progress.csv`,
    csv(
      't_ms,stage,event,processed,total,cumulative,rss_kib',
      run.progress.map(
        (p) => `${p.t.toFixed(0)},${p.stage},${p.event},${p.processed},${p.total},${p.cumulative},${p.rssKiB}`,
      ),
    ),
  );
  writeFileSync(
    `${base}.gc.csv`,
    csv(
      't_ms,cumulative,used_before_mb,live_after_mb,committed_after_mb',
      run.fullGcs.map(
        (g) => `${g.t.toFixed(0)},${g.cumulative},${g.usedBeforeMB},${g.liveAfterMB},${g.committedAfterMB}`,
      ),
    ),
  );
}
