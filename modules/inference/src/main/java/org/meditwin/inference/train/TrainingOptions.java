package org.meditwin.inference.train;

/**
 * Hyper-parameters of {@link HeadTrainer}.
 *
 * @param seed seeds the shuffling, initialisation and dropout: same seed + same data = same weights
 * @param hiddenDim hidden units (0 = linear head)
 * @param dropout dropout rate on the hidden layer
 * @param learningRate Adam learning rate
 * @param weightDecay L2 penalty
 * @param batchSize mini-batch size
 * @param maxEpochs upper bound on epochs
 * @param patience epochs without dev improvement before stopping early
 * @param balanceClasses weight the loss by inverse class frequency
 */
public record TrainingOptions(
    int seed,
    int hiddenDim,
    float dropout,
    float learningRate,
    float weightDecay,
    int batchSize,
    int maxEpochs,
    int patience,
    boolean balanceClasses) {

  public static TrainingOptions defaults() {
    return new TrainingOptions(42, 128, 0.2f, 1e-3f, 1e-4f, 32, 300, 30, true);
  }

  public TrainingOptions withSeed(int newSeed) {
    return new TrainingOptions(
        newSeed,
        hiddenDim,
        dropout,
        learningRate,
        weightDecay,
        batchSize,
        maxEpochs,
        patience,
        balanceClasses);
  }

  public TrainingOptions withEpochs(int max, int newPatience) {
    return new TrainingOptions(
        seed,
        hiddenDim,
        dropout,
        learningRate,
        weightDecay,
        batchSize,
        max,
        newPatience,
        balanceClasses);
  }
}
