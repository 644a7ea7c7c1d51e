// The sort direction every `orderBy` input shares.
import { registerEnumType } from 'type-graphql';
import { OrderDirection } from '../lib/keyset/index.js';

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction. Items whose sort value is unknown (no date, no follower count) come last either way.',
  valuesConfig: { ASC: { description: 'Smallest (or A) first.' }, DESC: { description: 'Largest (or newest) first.' } },
});

export { OrderDirection };
