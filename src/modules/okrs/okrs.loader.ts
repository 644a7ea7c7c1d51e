// The request's OKR loaders: objectives and key results by id (as the viewer may see them), and the relation lists
// (a user's objectives, an objective's children, key results and ancestors, a key result's check-ins) with their
// counts, one statement per batch of parents asking the same thing.
import type DataLoader from 'dataloader';
import type { Actor } from '../../access/index.js';
import { loaderFamily, mapLoader } from '../../graphql/loader-family.js';
import { emptyPage, type ListQuery, type Page } from '../../lib/keyset/index.js';
import type { KeyResultForecast, KeyResultForecasts } from './forecast/key-result-forecasts.js';
import type { ObjectiveReads, ObjectiveScope } from './objective-reads.service.js';
import type { CheckInRecord, KeyResultRecord, ObjectiveRecord } from './okr-records.js';

declare module '../../graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Loaders extends OkrLoaders {}
}

type PagesOf<Row> = (query: ListQuery) => DataLoader<number, Page<Row>>;
type CountsOf = (query: ListQuery) => DataLoader<number, number>;

export interface OkrLoaders {
  objectiveById: DataLoader<number, ObjectiveRecord | null>;
  objectivesOf: Record<ObjectiveScope, PagesOf<ObjectiveRecord>>;
  objectiveCountOf: Record<ObjectiveScope, CountsOf>;
  ancestorsOf: DataLoader<number, ObjectiveRecord[]>;
  keyResultById: DataLoader<number, KeyResultRecord | null>;
  keyResultsOf: PagesOf<KeyResultRecord>;
  keyResultCountOf: CountsOf;
  checkInsOf: PagesOf<CheckInRecord>;
  checkInCountOf: CountsOf;
  /** Forecasts of key results the request already holds: one read, one network call, one write per batch. */
  keyResultForecast: DataLoader<number, KeyResultForecast | null>;
}

function pages<Row>(
  read: (keys: readonly number[], query: ListQuery) => Promise<Map<number, Page<Row>>>,
): PagesOf<Row> {
  return loaderFamily(
    (query) => query.key,
    (query) => mapLoader((keys: readonly number[]) => read(keys, query), emptyPage<Row>()),
  );
}

function counts(read: (keys: readonly number[], query: ListQuery) => Promise<Map<number, number>>): CountsOf {
  return loaderFamily(
    (query) => query.countKey,
    (query) => mapLoader((keys: readonly number[]) => read(keys, query), 0),
  );
}

export function createOkrLoaders(reads: ObjectiveReads, forecasts: KeyResultForecasts, viewer: Actor): OkrLoaders {
  return {
    objectiveById: mapLoader((ids) => reads.findByIds(ids, viewer), null),
    objectivesOf: {
      owner: pages((keys, query) => reads.listOf('owner', keys, query)),
      parent: pages((keys, query) => reads.listOf('parent', keys, query)),
    },
    objectiveCountOf: {
      owner: counts((keys, query) => reads.countOf('owner', keys, query)),
      parent: counts((keys, query) => reads.countOf('parent', keys, query)),
    },
    ancestorsOf: mapLoader((ids) => reads.ancestorsOf(ids, viewer), []),
    keyResultById: mapLoader((ids) => reads.keyResultsByIds(ids, viewer), null),
    keyResultsOf: pages((keys, query) => reads.keyResultPagesOf(keys, query)),
    keyResultCountOf: counts((keys, query) => reads.keyResultCountOf(keys, query)),
    checkInsOf: pages((keys, query) => reads.checkInsOf(keys, query)),
    checkInCountOf: counts((keys, query) => reads.checkInCountOf(keys, query)),
    keyResultForecast: mapLoader((ids) => forecasts.of(ids), null),
  };
}
