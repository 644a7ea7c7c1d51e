// The read-path queries OST Graph and PostGraphile answer side by side (bench/peer.ts): the same data asked of
// each schema in its own words (PostGraphile's simplify-inflection names; its contributions list in primary-key
// order where OST Graph's is heaviest first: both read 10 per repository through an index).
export interface PeerQuery {
  readonly id: string;
  readonly title: string;
  readonly ost: string;
  readonly peer: string;
}

export const QUERIES: readonly PeerQuery[] = [
  {
    id: 'Q1',
    title: '10 repositories by stars with owner',
    ost: '{ repositories(first: 10) { nodes { fullName stars owner { login } } } }',
    peer: '{ repositories(first: 10, orderBy: STARS_DESC) { nodes { fullName stars owner { login } } } }',
  },
  {
    id: 'Q2',
    title: '50 repositories × 10 contributors',
    ost: '{ repositories(first: 50) { nodes { fullName contributors(first: 10) { nodes { login } } } } }',
    peer: '{ repositories(first: 50, orderBy: STARS_DESC) { nodes { fullName contributions(first: 10) { nodes { user { login } } } } } }',
  },
  {
    id: 'Q3',
    title: "a user's 20 contributions with repository",
    ost: '{ user(login: "sindresorhus") { login contributions(first: 20) { nodes { repository { fullName language stars } } } } }',
    peer: '{ userByLogin(login: "sindresorhus") { login contributions(first: 20) { nodes { repository { fullName language stars } } } } }',
  },
];
