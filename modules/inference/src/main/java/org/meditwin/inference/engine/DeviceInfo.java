package org.meditwin.inference.engine;

/**
 * Where inference runs, for {@code doctor} and the Admin pane.
 *
 * @param engine DJL engine name, e.g. {@code PyTorch}
 * @param engineVersion native engine version
 * @param device DJL device, e.g. {@code cpu()} or {@code gpu(0)}
 * @param gpuCount CUDA devices visible to the engine
 */
public record DeviceInfo(String engine, String engineVersion, String device, int gpuCount) {
  public boolean isGpu() {
    return device.startsWith("gpu");
  }

  public String describe() {
    return engine
        + " "
        + engineVersion
        + " on "
        + device
        + (gpuCount > 0 ? " (" + gpuCount + " GPU)" : "");
  }
}
