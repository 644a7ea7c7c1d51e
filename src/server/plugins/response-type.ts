// Apollo picks a response's content type by negotiating the request's Accept header (the `negotiator` package) on
// every request, re-parsing the header and its candidate types each time: about 3% of the server's CPU in a
// profile under load. The answer depends on the Accept value alone and clients send a handful of values, so the
// HTTP handler remembers Apollo's own answer per value, and this plugin sets it before Apollo looks (Apollo only
// negotiates when no content-type is set yet). Bounded: past MAX_ACCEPT_VALUES values, Apollo negotiates as usual.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const MAX_ACCEPT_VALUES = 32;
const CONTENT_TYPE = 'content-type';

export class ResponseTypeMemo {
  private readonly byAccept = new Map<string, string>();

  /** Records the content type Apollo chose for a complete 200 response to a request with this Accept value. */
  remember(accept: string | undefined, contentType: string | undefined): void {
    if (!accept || !contentType || this.byAccept.has(accept) || this.byAccept.size >= MAX_ACCEPT_VALUES) return;
    this.byAccept.set(accept, contentType);
  }

  plugin(): ApolloServerPlugin<BaseContext> {
    const byAccept = this.byAccept;
    return {
      async requestDidStart({ request }) {
        const known = byAccept.get(request.http?.headers.get('accept') ?? '');
        if (known === undefined) return;
        return {
          async willSendResponse({ response }) {
            // Incremental (@defer) responses are multipart: Apollo chooses their type itself.
            if (response.body.kind === 'single' && !response.http.headers.has(CONTENT_TYPE)) {
              response.http.headers.set(CONTENT_TYPE, known);
            }
          },
        };
      },
    };
  }
}
