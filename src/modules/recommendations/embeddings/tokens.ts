// Words of repository text as encoders see them: lower case, split on anything not a letter or digit and on
// camelCase / digit boundaries ("nextJS" → next js, "web3auth" → web 3 auth), common English and GitHub filler
// words dropped.
const STOPWORDS = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or that the this to was were will with ' +
    'you your we our can using use used based simple written which'
  ).split(' '),
);

export function words(text: string): string[] {
  const spaced = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase();
  return spaced.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1 && !STOPWORDS.has(word));
}
