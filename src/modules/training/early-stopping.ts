// When to stop training: after `patience` epochs in a row whose validation loss is no better than the best so
// far (by at least `minDelta`). Training then keeps the weights of the best epoch, not the last.
export class EarlyStopping {
  private best = Number.POSITIVE_INFINITY;
  private wait = 0;
  bestEpoch = 0;

  constructor(
    private readonly patience: number,
    private readonly minDelta = 1e-4,
  ) {}

  get bestLoss(): number {
    return this.best;
  }

  /** Records an epoch's validation loss: whether it is the new best, and whether training should stop now. */
  observe(epoch: number, validationLoss: number): { improved: boolean; stop: boolean } {
    if (validationLoss < this.best - this.minDelta) {
      this.best = validationLoss;
      this.bestEpoch = epoch;
      this.wait = 0;
      return { improved: true, stop: false };
    }
    this.wait += 1;
    return { improved: false, stop: this.wait > this.patience };
  }
}
