// An operation that failed as a whole because a dependency is down (no data; every error UNAVAILABLE) answers HTTP
// 503 with Retry-After, so load balancers, proxies and HTTP clients back off as they do for any 503. Partial
// results (some fields answered) stay 200: the client has data and reads `errors`.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '../../errors.js';
import { RETRY_AFTER_SECONDS } from './error-formatting.js';

export function unavailableApolloPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || (data !== undefined && data !== null)) return;
          if (!errors.every((error) => error.extensions?.['code'] === ErrorCode.UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
