package org.meditwin.inference.registry;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A folder under {@code models/} as the registry sees it.
 *
 * @param detail PHI-free explanation when the status is not {@link ModelStatus#VERIFIED}
 */
public record ModelEntry(
    String name,
    Path folder,
    Optional<ModelDescriptor> descriptor,
    ModelStatus status,
    String detail) {

  /** SHA-256 of the primary weights file, or empty text when the descriptor is unreadable. */
  public String sha256() {
    return descriptor.map(d -> d.primaryFile().sha256()).orElse("");
  }
}
