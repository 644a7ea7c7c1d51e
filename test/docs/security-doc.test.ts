// docs/security.md stays true to the policy table: every action is in its table with its lowest role.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY, type Rule } from '../../src/access/index.js';

const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');

describe('docs/security.md', () => {
  for (const [action, rule] of Object.entries(POLICY as Record<string, Rule>)) {
    it(`lists ${action} as ${rule.role}`, () => {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${action}\``));
      expect(row, `add a row for ${action}`).toBeDefined();
      expect(row!.split('|')[2]!.trim()).toBe(rule.role === 'PUBLIC' ? 'public' : rule.role);
      for (const field of rule.fields ?? []) expect(row).toContain(field.split('.')[1]);
    });
  }
});
