// GraphQL responses are private, fresh answers: `cache-control: no-store` tells browsers and proxies not to keep
// them. Apollo's cache-control plugin would send the same header (our schema has no cache hints, so every response
// is uncacheable), but it is turned off in apollo.ts: it hooks `willResolveField`, which makes Apollo wrap every
// field resolver of the schema and call into the plugin for each field of each response, a per-field cost on
// every request for a header that never varies. A header set deliberately before this hook runs is kept.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const CACHE_CONTROL_HEADER = 'cache-control';
const NO_STORE = 'no-store';

export function noStoreApolloPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has(CACHE_CONTROL_HEADER))
            response.http.headers.set(CACHE_CONTROL_HEADER, NO_STORE);
        },
      };
    },
  };
}
