// Argument validation with class-validator through our validateFn: constraints declared on an argument class are
// enforced (BAD_USER_INPUT naming the field once formatted), classes without constraints pass untouched.
import { MinLength } from 'class-validator';
import { graphql, type GraphQLSchema } from 'graphql';
import { Arg, ArgumentValidationError, Field, InputType, Query, Resolver, buildSchema } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateArgument } from '../../src/graphql/validate-args.js';
import { classifyError } from '../../src/server/index.js';

@InputType()
class TitledInput {
  @Field(() => String)
  @MinLength(3, { message: 'title must be at least 3 characters' })
  title!: string;
}

@InputType()
class FreeInput {
  @Field(() => String)
  title!: string;
}

@Resolver()
class EchoResolver {
  @Query(() => String)
  titled(@Arg('input', () => TitledInput) input: TitledInput): string {
    return input.title;
  }

  @Query(() => String)
  titledList(@Arg('inputs', () => [TitledInput]) inputs: TitledInput[]): string {
    return inputs.map((input) => input.title).join(',');
  }

  @Query(() => String)
  free(@Arg('input', () => FreeInput) input: FreeInput): string {
    return input.title;
  }
}

describe('GraphQL: argument validation (validateArgument)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [EchoResolver], validateFn: validateArgument });
  });

  it('accepts an argument that meets its constraints', async () => {
    const result = await graphql({ schema, source: '{ titled(input: { title: "long enough" }) }' });
    expect(result).toEqual({ data: { titled: 'long enough' } });
  });

  it('refuses an argument that breaks a constraint, as BAD_USER_INPUT naming the field', async () => {
    const result = await graphql({ schema, source: '{ titled(input: { title: "ab" }) }' });
    const error = result.errors?.[0];
    expect(error?.originalError).toBeInstanceOf(ArgumentValidationError);
    const verdict = classifyError(error);
    expect(verdict.code).toBe('BAD_USER_INPUT');
    expect(verdict.message).toBe('Invalid arguments: title must be at least 3 characters');
    expect(verdict.extensions).toEqual({
      validationErrors: [{ field: 'title', constraints: { minLength: 'title must be at least 3 characters' } }],
    });
  });

  it('validates every element of a list argument', async () => {
    const result = await graphql({ schema, source: '{ titledList(inputs: [{ title: "fine" }, { title: "x" }]) }' });
    expect(result.errors?.[0]?.originalError).toBeInstanceOf(ArgumentValidationError);
  });

  it('lets an argument class without constraints through, whatever its values', async () => {
    const result = await graphql({ schema, source: '{ free(input: { title: "" }) }' });
    expect(result).toEqual({ data: { free: '' } });
  });
});
