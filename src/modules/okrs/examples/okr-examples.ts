// The illustrative OKRs shipped in `SAMPLE_DIR/okr_examples.jsonl` (17 objectives, copied from shared/data), read
// as objectives with key-result templates: the demo objectives are made from them, and kr-forecast's synthetic
// histories start from their key results.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseKeyResultText, type KeyResultTemplate } from './key-result-text.js';

export const OKR_EXAMPLES_FILE = 'okr_examples.jsonl';

export interface OkrExample {
  objective: string;
  context: string | null;
  level: 'COMPANY' | 'TEAM' | 'INDIVIDUAL';
  /** As the example names its owner ("CTO"); null when it names none. */
  ownerRole: string | null;
  /** The title of the objective it aligns under ('Company Objective "Deliver …"' → 'Deliver …'); null for none. */
  alignsTo: string | null;
  keyResults: KeyResultTemplate[];
}

const LEVELS: Record<string, OkrExample['level']> = {
  'Company-Level': 'COMPANY',
  'Department-Level': 'TEAM',
  'Team-Level': 'TEAM',
  Individual: 'INDIVIDUAL',
};

export function parseOkrExamples(text: string): OkrExample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      if (typeof raw.objective !== 'string' || !Array.isArray(raw.keyResults))
        throw new Error(`${OKR_EXAMPLES_FILE} line ${index + 1}: expected { objective, keyResults[] }`);
      return {
        objective: raw.objective,
        context: typeof raw.context === 'string' ? raw.context : null,
        level: LEVELS[String(raw.level)] ?? 'TEAM',
        ownerRole: typeof raw.owner === 'string' ? raw.owner : null,
        alignsTo: typeof raw.alignsTo === 'string' ? (/"([^"]+)"/.exec(raw.alignsTo)?.[1] ?? null) : null,
        keyResults: raw.keyResults.filter((kr): kr is string => typeof kr === 'string').map(parseKeyResultText),
      };
    });
}

export async function readOkrExamples(sampleDir: string): Promise<OkrExample[]> {
  const path = join(sampleDir, OKR_EXAMPLES_FILE);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the OKR examples (${path}): ${error.code ?? error.message}; set SAMPLE_DIR`);
  });
  return parseOkrExamples(text);
}

export const keyResultTemplates = (examples: readonly OkrExample[]) => examples.flatMap((e) => e.keyResults);
