package org.meditwin.inference.train;

import org.meditwin.inference.classify.HeadArchitecture;

/**
 * Result of {@link HeadTrainer#train}.
 *
 * @param parameters weights in DJL's {@code Block.saveParameters} format (the {@code .params} file)
 * @param bestEpoch epoch (1-based) whose weights were kept
 * @param epochsRun epochs actually run before early stopping
 * @param devMacroF1 macro-F1 on the early-stopping split at {@code bestEpoch}
 */
public record TrainedHead(
    HeadArchitecture architecture,
    byte[] parameters,
    int bestEpoch,
    int epochsRun,
    double devMacroF1) {}
