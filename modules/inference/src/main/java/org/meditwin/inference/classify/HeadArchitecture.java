package org.meditwin.inference.classify;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * Shape of a classification head over frozen encoder features: an optional hidden layer (ReLU,
 * dropout) then a linear layer to the labels. Stored in {@code model.json} so the weights file can
 * be rebuilt exactly.
 *
 * @param inputDim encoder feature size (384 for bge-small)
 * @param hiddenDim hidden units, 0 for a purely linear head
 * @param classes number of labels
 * @param dropout dropout rate on the hidden layer during training
 */
public record HeadArchitecture(int inputDim, int hiddenDim, int classes, float dropout) {
  public HeadArchitecture {
    if (inputDim <= 0 || hiddenDim < 0 || classes < 2 || dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("invalid head architecture");
    }
  }

  /** A fresh, uninitialised DJL block of this shape. */
  public Block newBlock() {
    SequentialBlock block = new SequentialBlock();
    if (hiddenDim > 0) {
      block.add(Linear.builder().setUnits(hiddenDim).build());
      block.add(Activation.reluBlock());
      if (dropout > 0) {
        block.add(Dropout.builder().optRate(dropout).build());
      }
    }
    block.add(Linear.builder().setUnits(classes).build());
    return block;
  }
}
