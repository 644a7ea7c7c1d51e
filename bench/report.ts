// Keeps docs/benchmarks.md current: each benchmark owns a section between markers and replaces only that.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { replaceMarkedSection } from '../src/lib/marked-section.js';

const FILE = 'docs/benchmarks.md';
const HEADER = `# Benchmarks

Measured by the scripts in \`bench/\` (never by timed assertions in tests). Each section says how to reproduce it.
The machine is the project's standard one: 2 cores, 24 GiB, PostgreSQL 15 and Redis 7 local.
`;

export function writeSection(name: string, content: string): void {
  mkdirSync('docs', { recursive: true });
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  writeFileSync(FILE, replaceMarkedSection(text, `bench:${name}`, content));
}
