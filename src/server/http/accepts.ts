// Content negotiation for one question: does this GET want the GraphiQL page or a GraphQL JSON response?
// Browsers send `text/html,...,*/*;q=0.8`; GraphQL clients send JSON types; curl sends `*/*` and gets JSON.

const JSON_TYPES = ['application/json', 'application/graphql-response+json'] as const;

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [range = '', ...params] = part.trim().split(';');
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) return [];
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim().toLowerCase() === 'q') q = Number(value);
    }
    return Number.isFinite(q) ? [{ type, subtype, q }] : [];
  });
}

/** Quality the client gives `mediaType`, taken from the most specific matching range (RFC 9110 §12.5.1). */
function qualityOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*'
            ? 0
            : -1;
    if (specificity >= 0 && (best === undefined || specificity > best.specificity)) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/** True when text/html is strictly preferred over every GraphQL JSON media type. */
export function prefersHtml(acceptHeader: string | undefined): boolean {
  if (!acceptHeader) return false;
  const ranges = parseAccept(acceptHeader);
  const html = qualityOf(ranges, 'text/html');
  return html > 0 && JSON_TYPES.every((type) => qualityOf(ranges, type) < html);
}
