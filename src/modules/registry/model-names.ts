// Names clients type and URLs carry: model names, aliases and tasks, checked with messages that say what is allowed.
import { badInput } from '../../errors.js';

const MODEL_NAME = /^[a-z][a-z0-9._-]{1,63}$/;
// Not purely numeric, so an alias can never be mistaken for a version number.
const ALIAS = /^[a-z][a-z0-9_-]{0,31}$/;

export const MODEL_TASKS = ['classification', 'regression', 'embedding'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/** The alias `predict` serves when the caller names no alias or version and the model has no traffic split. */
export const DEFAULT_ALIAS = 'champion';

export function assertModelName(name: string, argument = 'name'): string {
  if (!MODEL_NAME.test(name))
    throw badInput(
      `"${name}" is not a model name: use 2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter`,
      { argument },
    );
  return name;
}

export function assertAlias(alias: string, argument = 'alias'): string {
  if (!ALIAS.test(alias))
    throw badInput(
      `"${alias}" is not an alias: use 1 to 32 lower-case letters, digits, "_" or "-", starting with a letter (e.g. champion)`,
      { argument },
    );
  return alias;
}

export function assertTask(task: string, argument = 'task'): ModelTask {
  if (!(MODEL_TASKS as readonly string[]).includes(task))
    throw badInput(`"${task}" is not a model task: use one of ${MODEL_TASKS.join(', ')}`, { argument });
  return task as ModelTask;
}

export function assertVersionNumber(version: number, argument = 'version'): number {
  if (!Number.isInteger(version) || version < 1)
    throw badInput(`version must be a whole number from 1; got ${version}`, { argument });
  return version;
}

/** NOT_FOUND's message for a version number the model lacks, naming the versions it has. */
export function missingVersionMessage(model: { name: string; latestVersion: number }, version: number): string {
  const has = model.latestVersion > 0 ? ` (latest: ${model.latestVersion})` : ' (it has no versions yet)';
  return `model "${model.name}" has no version ${version}${has}`;
}
