// The prediction log: a sample of served requests (PREDICTION_LOG_SAMPLE_RATE), one row per input row, kept for
// auditing and for comparing versions on real traffic. Writes are buffered and sent in batches off the request
// path, so logging never adds a database round trip to a prediction; a failed write is logged and dropped, never
// failing the prediction it describes.
import { authorize, type Actor } from '../../access/index.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../../logger.js';
import { fetchCounts, fetchPages, type ListQuery, type Page, type RawRow } from '../../lib/keyset/index.js';
import type { ActivityEventPayload } from '../../infra/pubsub/index.js';
import { activityRows } from '../events/index.js';
import { predictionSource } from './predictions.query.js';

export interface PredictionEntry {
  modelVersionId: number;
  routingKey: string | null;
  input: unknown;
  output: unknown;
  latencyMs: number;
}

export interface PredictionLogOptions {
  sampleRate: number;
  logger: Logger;
  random?: () => number;
  /** Rows per INSERT, and the buffer size that triggers one at once. */
  batchSize?: number;
  /** Longest a row waits in the buffer. */
  flushIntervalMs?: number;
  /** Beyond this many waiting rows (the database is slow or down), new samples are dropped. */
  maxBuffered?: number;
  /** Told of the activity events once written (Subscription.events announces them). */
  onEvents?: (events: ActivityEventPayload[]) => void;
}

export type PredictionRecord = Prisma.PredictionGetPayload<object>;

/** Who asked and what served, for the request's activity event. */
export interface PredictionRequestInfo {
  actor: Actor;
  model: string;
  version: number;
}

export class PredictionService {
  private buffer: Prisma.PredictionCreateManyInput[] = [];
  private events: Prisma.EventCreateManyInput[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: PredictionLogOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.maxBuffered = options.maxBuffered ?? 20_000;
  }

  /** Keeps the request's rows when it is sampled (all rows of a request, or none); returns whether it was. */
  record(entries: readonly PredictionEntry[], request?: PredictionRequestInfo): boolean {
    const rate = this.options.sampleRate;
    if (rate <= 0 || (rate < 1 && this.random() >= rate)) return false;
    if (this.buffer.length + entries.length > this.maxBuffered) {
      this.options.logger.warn({ dropped: entries.length }, 'prediction log buffer full: samples dropped');
      return false;
    }
    // Stamped now: the row is written later, and its time is when the prediction was served.
    const createdAt = new Date();
    for (const entry of entries)
      this.buffer.push({
        ...entry,
        input: entry.input as Prisma.InputJsonValue,
        output: entry.output as Prisma.InputJsonValue,
        createdAt,
      });
    if (request)
      this.events.push(
        ...activityRows([
          {
            type: 'prediction.served',
            actor: request.actor,
            subject: `model:${request.model}@${request.version}`,
            payload: {
              model: request.model,
              version: request.version,
              rows: entries.length,
              latencyMs: entries[0]?.latencyMs ?? null,
              routingKey: entries[0]?.routingKey ?? null,
            },
            occurredAt: createdAt,
          },
        ]),
      );
    if (this.buffer.length >= this.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
    return true;
  }

  /** Resolves once every row recorded so far is written (or its write has failed and been logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.buffer;
    const events = this.events;
    this.buffer = [];
    this.events = [];
    for (let i = 0; i < rows.length; i += this.batchSize) {
      const batch = rows.slice(i, i + this.batchSize);
      // The flushed requests' events go with the flush's first batch of rows, in its transaction.
      const batchEvents = i === 0 ? events : [];
      // Chained: batches land in order, and flush() awaits the writes started before it too.
      this.writing = this.writing.then(() =>
        this.prisma
          .$transaction([
            this.prisma.prediction.createMany({ data: batch }),
            ...(batchEvents.length > 0 ? [this.prisma.event.createManyAndReturn({ data: batchEvents })] : []),
          ])
          .then(
            ([, written]) => {
              if (written && written.length > 0) this.options.onEvents?.(written.map(toActivityPayload));
            },
            (error: unknown) =>
              this.options.logger.warn({ err: error, dropped: batch.length }, 'prediction log write failed'),
          ),
      );
    }
    return this.writing;
  }

  /** A page of each model's logged predictions (newest first), one statement however many models. */
  pagesOf(modelIds: readonly number[], query: ListQuery, actor: Actor): Promise<Map<number, Page<PredictionRecord>>> {
    authorize(actor, 'predictions.log.read');
    const parents = { type: 'int' as const, keys: modelIds };
    return fetchPages(this.prisma, parents, predictionSource(query), query.plan, toRecord);
  }

  /** How many logged predictions of each model match the query's filter. */
  countsOf(modelIds: readonly number[], query: ListQuery, actor: Actor): Promise<Map<number, number>> {
    authorize(actor, 'predictions.log.read');
    return fetchCounts(this.prisma, { type: 'int', keys: modelIds }, predictionSource(query));
  }
}

/** Raw rows carry exactly the record's fields, named as Prisma names them (selectColumnsSql). */
const toRecord = (row: RawRow) => row as PredictionRecord;

const toActivityPayload = (row: Prisma.EventGetPayload<object>): ActivityEventPayload => ({
  id: String(row.id),
  type: row.type,
  source: row.source,
  actor: row.actor,
  subject: row.subject,
  payload: row.payload,
  occurredAt: row.occurredAt.toISOString(),
});
