// class-validator on resolver arguments, as type-graphql runs it by default (skipMissingProperties, no
// forbidUnknownValues), without the two costs a profile of the server showed on every request: type-graphql's own
// validator does `await import('class-validator')` for each argument object it validates (a trip through the module
// loader and its hooks), and it runs class-validator even on argument classes that declare no constraint.
import { getMetadataStorage, validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys metadata by constructor
type Constructor = Function;
// Decorators register their constraints when a class is defined, before any request, so an answer never changes.
const declaresConstraints = new WeakMap<Constructor, boolean>();

function hasConstraints(target: Constructor): boolean {
  let known = declaresConstraints.get(target);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).length > 0;
    declaresConstraints.set(target, known);
  }
  return known;
}

const needsValidation = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && hasConstraints(value.constructor);

async function validateObject(value: unknown): Promise<void> {
  if (!needsValidation(value)) return;
  try {
    await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

/** type-graphql's `validateFn`: validates an argument (an input object, or a list of them). */
export const validateArgument: ValidatorFn = async (value) => {
  if (Array.isArray(value)) await Promise.all(value.map(validateObject));
  else await validateObject(value);
};
