package org.meditwin.imaging.ai;

import java.util.Optional;

/** One forward pass of a loaded model on an NCHW float tensor. Not thread-safe. */
interface Backend extends AutoCloseable {

  /**
   * @param values the first output tensor as floats (integer outputs converted)
   * @param shape its shape
   * @param cam a square class-activation grid (side × side), for backends that explain
   */
  record Raw(float[] values, long[] shape, Optional<float[]> cam) {}

  Raw forward(float[] input, long[] shape);

  @Override
  void close();
}
