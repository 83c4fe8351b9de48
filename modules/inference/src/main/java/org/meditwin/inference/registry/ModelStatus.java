package org.meditwin.inference.registry;

/** Result of checking a model folder against its descriptor. */
public enum ModelStatus {
  /** Every file present with the expected SHA-256. */
  VERIFIED,
  /** Descriptor read, checksums not computed yet. */
  UNVERIFIED,
  /** {@code model.json} absent, unreadable or incomplete. */
  INVALID_DESCRIPTOR,
  /** A file named in the descriptor does not exist. */
  MISSING_FILE,
  /** A file exists but its digest or size differs: corrupt or tampered. */
  CHECKSUM_MISMATCH;

  public boolean usable() {
    return this == VERIFIED;
  }
}
