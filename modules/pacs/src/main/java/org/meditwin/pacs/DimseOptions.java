package org.meditwin.pacs;

import java.time.Duration;

/**
 * Network limits of DIMSE operations.
 *
 * @param connectTimeout TCP connect timeout
 * @param responseTimeout longest wait for any PDU from the peer (association answer, response, next
 *     instance)
 * @param maxPduLength the largest P-DATA PDU we accept (advertised to the peer)
 * @param maxInstanceBytes the largest single instance we accept (the PACS is aborted beyond it)
 */
public record DimseOptions(
    Duration connectTimeout, Duration responseTimeout, int maxPduLength, long maxInstanceBytes) {

  public DimseOptions {
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || responseTimeout.isNegative()
        || responseTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxPduLength < 4096
        || maxInstanceBytes < 1024
        || maxInstanceBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("unusable size limits");
    }
  }

  /** 5 s connect, 60 s response, 256 KiB PDUs, 1 GiB per instance. */
  public static DimseOptions defaults() {
    return new DimseOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), 256 * 1024, 1L << 30);
  }

  public DimseOptions withResponseTimeout(Duration timeout) {
    return new DimseOptions(connectTimeout, timeout, maxPduLength, maxInstanceBytes);
  }

  public DimseOptions withConnectTimeout(Duration timeout) {
    return new DimseOptions(timeout, responseTimeout, maxPduLength, maxInstanceBytes);
  }
}
