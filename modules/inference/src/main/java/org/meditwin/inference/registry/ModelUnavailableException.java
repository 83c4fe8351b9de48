package org.meditwin.inference.registry;

import org.meditwin.core.MediTwinException;

/** A model cannot be used: missing, corrupt or failing to load. The rest of the app carries on. */
public final class ModelUnavailableException extends MediTwinException {
  private static final long serialVersionUID = 1L;
  private final String modelName;
  private final ModelStatus status;

  public ModelUnavailableException(String modelName, ModelStatus status, String message) {
    super(message);
    this.modelName = modelName;
    this.status = status;
  }

  public ModelUnavailableException(String modelName, String message, Throwable cause) {
    super(message, cause);
    this.modelName = modelName;
    this.status = ModelStatus.VERIFIED;
  }

  public String modelName() {
    return modelName;
  }

  public ModelStatus status() {
    return status;
  }
}
