/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query PipelineRun($id: ID!) {\n  pipelineRun(id: $id) {\n    ...PipelineRunProgress\n    params\n    result\n    createdAt\n  }\n}\n\nquery RecentPipelineRuns($first: Int, $kind: PipelineKind) {\n  pipelineRuns(first: $first, kind: $kind) {\n    totalCount\n    nodes {\n      ...PipelineRunProgress\n    }\n  }\n}\n\nmutation ImportSample {\n  importSample {\n    id\n    status\n  }\n}\n\nsubscription PipelineRunUpdated($id: ID!) {\n  pipelineRunUpdated(id: $id) {\n    ...PipelineRunProgress\n  }\n}\n\nfragment PipelineRunProgress on PipelineRun {\n  id\n  kind\n  status\n  stage\n  processed\n  total\n  progress\n  error\n  durationMs\n  stages {\n    name\n    status\n    processed\n    total\n  }\n}": typeof types.PipelineRunDocument,
    "query Repository($fullName: String!) {\n  repository(fullName: $fullName) {\n    id\n    fullName\n    description\n    language\n    topicNames\n    stars\n    forks\n    pushedAt\n    url\n    owner {\n      login\n      type\n      avatarUrl\n    }\n  }\n}\n\nquery RepositoriesPage($first: Int, $after: String) {\n  repositories(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        fullName\n        stars\n        language\n        owner {\n          login\n        }\n      }\n    }\n  }\n}": typeof types.RepositoryDocument,
    "query User($login: String!) {\n  user(login: $login) {\n    id\n    login\n    type\n    name\n    followers\n    publicRepos\n    createdAt\n    url\n  }\n}": typeof types.UserDocument,
};
const documents: Documents = {
    "query PipelineRun($id: ID!) {\n  pipelineRun(id: $id) {\n    ...PipelineRunProgress\n    params\n    result\n    createdAt\n  }\n}\n\nquery RecentPipelineRuns($first: Int, $kind: PipelineKind) {\n  pipelineRuns(first: $first, kind: $kind) {\n    totalCount\n    nodes {\n      ...PipelineRunProgress\n    }\n  }\n}\n\nmutation ImportSample {\n  importSample {\n    id\n    status\n  }\n}\n\nsubscription PipelineRunUpdated($id: ID!) {\n  pipelineRunUpdated(id: $id) {\n    ...PipelineRunProgress\n  }\n}\n\nfragment PipelineRunProgress on PipelineRun {\n  id\n  kind\n  status\n  stage\n  processed\n  total\n  progress\n  error\n  durationMs\n  stages {\n    name\n    status\n    processed\n    total\n  }\n}": types.PipelineRunDocument,
    "query Repository($fullName: String!) {\n  repository(fullName: $fullName) {\n    id\n    fullName\n    description\n    language\n    topicNames\n    stars\n    forks\n    pushedAt\n    url\n    owner {\n      login\n      type\n      avatarUrl\n    }\n  }\n}\n\nquery RepositoriesPage($first: Int, $after: String) {\n  repositories(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        fullName\n        stars\n        language\n        owner {\n          login\n        }\n      }\n    }\n  }\n}": types.RepositoryDocument,
    "query User($login: String!) {\n  user(login: $login) {\n    id\n    login\n    type\n    name\n    followers\n    publicRepos\n    createdAt\n    url\n  }\n}": types.UserDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PipelineRun($id: ID!) {\n  pipelineRun(id: $id) {\n    ...PipelineRunProgress\n    params\n    result\n    createdAt\n  }\n}\n\nquery RecentPipelineRuns($first: Int, $kind: PipelineKind) {\n  pipelineRuns(first: $first, kind: $kind) {\n    totalCount\n    nodes {\n      ...PipelineRunProgress\n    }\n  }\n}\n\nmutation ImportSample {\n  importSample {\n    id\n    status\n  }\n}\n\nsubscription PipelineRunUpdated($id: ID!) {\n  pipelineRunUpdated(id: $id) {\n    ...PipelineRunProgress\n  }\n}\n\nfragment PipelineRunProgress on PipelineRun {\n  id\n  kind\n  status\n  stage\n  processed\n  total\n  progress\n  error\n  durationMs\n  stages {\n    name\n    status\n    processed\n    total\n  }\n}"): (typeof documents)["query PipelineRun($id: ID!) {\n  pipelineRun(id: $id) {\n    ...PipelineRunProgress\n    params\n    result\n    createdAt\n  }\n}\n\nquery RecentPipelineRuns($first: Int, $kind: PipelineKind) {\n  pipelineRuns(first: $first, kind: $kind) {\n    totalCount\n    nodes {\n      ...PipelineRunProgress\n    }\n  }\n}\n\nmutation ImportSample {\n  importSample {\n    id\n    status\n  }\n}\n\nsubscription PipelineRunUpdated($id: ID!) {\n  pipelineRunUpdated(id: $id) {\n    ...PipelineRunProgress\n  }\n}\n\nfragment PipelineRunProgress on PipelineRun {\n  id\n  kind\n  status\n  stage\n  processed\n  total\n  progress\n  error\n  durationMs\n  stages {\n    name\n    status\n    processed\n    total\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Repository($fullName: String!) {\n  repository(fullName: $fullName) {\n    id\n    fullName\n    description\n    language\n    topicNames\n    stars\n    forks\n    pushedAt\n    url\n    owner {\n      login\n      type\n      avatarUrl\n    }\n  }\n}\n\nquery RepositoriesPage($first: Int, $after: String) {\n  repositories(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        fullName\n        stars\n        language\n        owner {\n          login\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query Repository($fullName: String!) {\n  repository(fullName: $fullName) {\n    id\n    fullName\n    description\n    language\n    topicNames\n    stars\n    forks\n    pushedAt\n    url\n    owner {\n      login\n      type\n      avatarUrl\n    }\n  }\n}\n\nquery RepositoriesPage($first: Int, $after: String) {\n  repositories(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        fullName\n        stars\n        language\n        owner {\n          login\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query User($login: String!) {\n  user(login: $login) {\n    id\n    login\n    type\n    name\n    followers\n    publicRepos\n    createdAt\n    url\n  }\n}"): (typeof documents)["query User($login: String!) {\n  user(login: $login) {\n    id\n    login\n    type\n    name\n    followers\n    publicRepos\n    createdAt\n    url\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;