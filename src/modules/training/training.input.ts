// The trainModel mutation's arguments as GraphQL declares them. Ranges are checked by the service
// (parseTrainingParams), the one validation the CLI shares: a value out of range is a BAD_USER_INPUT naming it.
import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { DEFAULT_TRAINING_PARAMS as D, TRAINING_PARAM_RANGES as R } from './training-params.js';

const range = (name: keyof typeof R, what: string) =>
  `${what} ${R[name].integer ? 'Whole number' : 'Number'} from ${R[name].min}${R[name].minOpen ? ' (excluded)' : ''} ` +
  `to ${R[name].max}; default ${D[name] ?? 'all'}.`;

@InputType({ description: 'Training hyper-parameters; each may be left out (or null) for its default.' })
export class TrainingParamsInput {
  @Field(() => Int, { nullable: true, description: range('epochs', 'Most passes over the training set.') })
  epochs?: number | null;

  @Field(() => Int, { nullable: true, description: range('batchSize', 'Examples per gradient step.') })
  batchSize?: number | null;

  @Field(() => Float, { nullable: true, description: range('learningRate', "Adam's step size.") })
  learningRate?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: range('validationSplit', 'Share of the non-test examples that validate (early stopping).'),
  })
  validationSplit?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: range('patience', 'Epochs without a better validation loss before training stops.'),
  })
  patience?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: range('maxSamples', 'Train on at most this many examples (the test set stays whole).'),
  })
  maxSamples?: number | null;

  @Field(() => Int, { nullable: true, description: range('seed', 'Seeds initialisation and shuffling.') })
  seed?: number | null;

  @Field(() => Int, { nullable: true, description: range('hiddenUnits', 'Hidden ReLU units; 0 for none.') })
  hiddenUnits?: number | null;

  @Field(() => Int, { nullable: true, description: range('vocabularySize', 'Words kept per text field.') })
  vocabularySize?: number | null;

  @Field(() => Float, { nullable: true, description: range('l2', 'L2 penalty on the weights.') })
  l2?: number | null;
}

@ArgsType()
export class TrainModelArgs {
  @Field(() => String, { description: 'The model to train (`trainableModels` lists them).' })
  name!: string;

  @Field(() => TrainingParamsInput, { nullable: true })
  params?: TrainingParamsInput | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Move "champion" to the new version when it beats the champion on the primary metric (the replaced ' +
      'champion stays reachable as "previous-champion"). Otherwise no alias moves.',
  })
  promote!: boolean;
}
