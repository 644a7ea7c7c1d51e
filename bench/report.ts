// Keeps docs/benchmarks.md current: each benchmark owns a section between markers and replaces only that.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'docs/benchmarks.md';
const HEADER = `# Benchmarks

Measured by the scripts in \`bench/\` (never by timed assertions in tests). Each section says how to reproduce it.
The machine is the project's standard one: 2 cores, 24 GiB, PostgreSQL 15 and Redis 7 local.
`;

export function writeSection(name: string, content: string): void {
  mkdirSync('docs', { recursive: true });
  let text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${content}\n${end}`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  text =
    start >= 0 && stop > start
      ? text.slice(0, start) + block + text.slice(stop + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(FILE, text);
}
