// Model definitions: what a model is for (task) and what it reads and returns (input and output schemas). Versions,
// aliases and serving build on these rows. GraphQL-free; resolvers adapt the results.
import { authorize, type Actor } from '../../access/index.js';
import type { Model, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { AppError, ErrorCode, badInput, isAppError, notFound } from '../../errors.js';
import { fetchCount, fetchPage, type ListQuery, type Page } from '../../lib/keyset/index.js';
import { asRecord, modelSource } from './registry.queries.js';
import { parseInputSchema } from './input-schema.js';
import { assertModelName, assertTask } from './model-names.js';
import { parseOutputSchema } from './output-schema.js';
import { isUniqueViolation } from './unique-violation.js';

export type ModelRecord = Model;

export interface CreateModelInput {
  name: string;
  description?: string | null;
  /** One of MODEL_TASKS; anything else is refused. */
  task: string;
  inputSchema: unknown;
  outputSchema: unknown;
}

const MAX_DESCRIPTION = 2_000;

export class ModelService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Registers a model definition (no versions yet): training then registers versions under its name. */
  async create(input: CreateModelInput, actor: Actor): Promise<ModelRecord> {
    authorize(actor, 'registry.write');
    const name = assertModelName(input.name.trim());
    const task = assertTask(input.task);
    const description = input.description?.trim() || null;
    if (description && description.length > MAX_DESCRIPTION)
      throw badInput(`description: at most ${MAX_DESCRIPTION} characters`, { argument: 'description' });
    const inputSchema = parseInputSchema(input.inputSchema);
    const outputSchema = parseOutputSchema(task, input.outputSchema);
    try {
      return await this.prisma.model.create({
        data: {
          name,
          description,
          task,
          inputSchema: inputSchema as unknown as Prisma.InputJsonValue,
          outputSchema: outputSchema as Prisma.InputJsonValue,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(ErrorCode.CONFLICT, `a model named "${name}" already exists: register a new version of it`, {
          argument: 'name',
        });
      throw error;
    }
  }

  /**
   * Creates the definition unless a model by that name exists (which is then left as it is): what a module that
   * registers its own trained versions (the text encoder, the ranker, kr-forecast) calls first.
   */
  async ensure(input: CreateModelInput, actor: Actor): Promise<void> {
    await this.create(input, actor).catch((error: unknown) => {
      if (!(isAppError(error) && error.code === ErrorCode.CONFLICT)) throw error;
    });
  }

  async getByName(name: string, argument = 'name'): Promise<ModelRecord> {
    const row = await this.prisma.model.findUnique({ where: { name: name.trim() } });
    if (!row) throw notFound(`no model named "${name}": the "models" query lists them`, { argument });
    return row;
  }

  async findByIds(ids: readonly number[]): Promise<Map<number, ModelRecord>> {
    const rows = await this.prisma.model.findMany({ where: { id: { in: [...new Set(ids)] } } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** A page of models by name (`MODEL_ORDERING`), either direction. */
  list(query: ListQuery): Promise<Page<ModelRecord>> {
    return fetchPage(this.prisma, modelSource, query.plan, asRecord<ModelRecord>);
  }

  count(): Promise<number> {
    return fetchCount(this.prisma, modelSource);
  }
}
