package org.meditwin.imaging.ai;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The small CNN: three 3×3 convolution stages (32, 64, 128 filters; the last one, 7×7, is the
 * Grad-CAM layer), global average pooling, dropout and a two-class linear layer.
 */
final class ChestXrayNet {
  static final int SIZE = 28;
  static final int CAM_CHANNELS = 128;

  private ChestXrayNet() {}

  static SequentialBlock features() {
    return new SequentialBlock()
        .add(conv(32))
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(conv(64))
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(conv(CAM_CHANNELS))
        .add(Activation::relu);
  }

  static SequentialBlock head(float dropout) {
    return new SequentialBlock()
        .add(Pool.globalAvgPool2dBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(dropout).build())
        .add(Linear.builder().setUnits(2).build());
  }

  static SequentialBlock network(float dropout) {
    return new SequentialBlock().add(features()).add(head(dropout));
  }

  private static Conv2d conv(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }
}
