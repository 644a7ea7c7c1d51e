import type { LayersModel } from '@tensorflow/tfjs';

/**
 * Frees a model's tensors, including its optimizer's (Adam keeps two slots per weight plus its beta powers):
 * `model.dispose()` alone leaves those behind after training.
 */
export function disposeModel(model: LayersModel): void {
  const optimizer = model.optimizer as { dispose?: () => void } | undefined;
  model.dispose();
  optimizer?.dispose?.();
}
