// Scalars shared by every module. DateTime is ISO-8601 with offset; JSON is any JSON value.
export { DateTimeISOResolver as DateTimeScalar, JSONResolver as JSONScalar } from 'graphql-scalars';
