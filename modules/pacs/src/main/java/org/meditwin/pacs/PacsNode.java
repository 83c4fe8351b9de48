package org.meditwin.pacs;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A remote PACS (or any DICOM node) as configured by the user. Not PHI: it is stored in the
 * encrypted store only because everything there is backed up and audited together.
 *
 * @param name unique display name chosen by the user
 * @param calledAe the PACS's AE title (1–16 characters)
 * @param host host name or address of the PACS
 * @param port the PACS's DICOM port (1–65535)
 * @param callingAe our own AE title towards this node; also our C-MOVE destination AE
 * @param dicomWebUrl optional DICOMweb base URL (e.g. {@code http://127.0.0.1:8042/dicom-web})
 * @param storeScpPort optional port of our own Store SCP (on 127.0.0.1) for C-MOVE retrieves
 */
public record PacsNode(
    String name,
    String calledAe,
    String host,
    int port,
    String callingAe,
    Optional<URI> dicomWebUrl,
    OptionalInt storeScpPort) {

  /** Longest AE title DICOM allows. */
  public static final int MAX_AE_LENGTH = 16;

  public PacsNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(calledAe, "calledAe");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(callingAe, "callingAe");
    dicomWebUrl = dicomWebUrl == null ? Optional.empty() : dicomWebUrl;
    storeScpPort = storeScpPort == null ? OptionalInt.empty() : storeScpPort;
    name = name.strip();
    calledAe = calledAe.strip();
    host = host.strip();
    callingAe = callingAe.strip();
    nameProblem(name).ifPresent(PacsNode::invalid);
    aeProblem(calledAe).ifPresent(p -> invalid("PACS AE title: " + p));
    aeProblem(callingAe).ifPresent(p -> invalid("Our AE title: " + p));
    hostProblem(host).ifPresent(PacsNode::invalid);
    portProblem(port).ifPresent(p -> invalid("PACS port: " + p));
    if (storeScpPort.isPresent()) {
      portProblem(storeScpPort.getAsInt()).ifPresent(p -> invalid("Store SCP port: " + p));
    }
    dicomWebUrl.flatMap(PacsNode::urlProblem).ifPresent(PacsNode::invalid);
  }

  /** A node without DICOMweb and without a C-MOVE destination port. */
  public static PacsNode of(String name, String calledAe, String host, int port, String callingAe) {
    return new PacsNode(
        name, calledAe, host, port, callingAe, Optional.empty(), OptionalInt.empty());
  }

  public PacsNode withDicomWeb(URI url) {
    return new PacsNode(name, calledAe, host, port, callingAe, Optional.of(url), storeScpPort);
  }

  public PacsNode withStoreScpPort(int scpPort) {
    return new PacsNode(
        name, calledAe, host, port, callingAe, dicomWebUrl, OptionalInt.of(scpPort));
  }

  private static void invalid(String message) {
    throw new IllegalArgumentException(message);
  }

  /** Why {@code name} is not a valid node name, if it is not. */
  public static Optional<String> nameProblem(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      return Optional.of("The node needs a name.");
    }
    if (n.length() > 64) {
      return Optional.of("The node name is longer than 64 characters.");
    }
    return Optional.empty();
  }

  /**
   * Why {@code ae} is not a valid AE title, if it is not: 1–16 characters of printable ASCII
   * without backslash (PS3.5 AE value representation).
   */
  public static Optional<String> aeProblem(String ae) {
    String a = ae == null ? "" : ae.strip();
    if (a.isEmpty()) {
      return Optional.of("an AE title is required.");
    }
    if (a.length() > MAX_AE_LENGTH) {
      return Optional.of(
          "an AE title has at most 16 characters (this one has " + a.length() + ").");
    }
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return Optional.of("an AE title uses only printable ASCII characters without '\\'.");
      }
    }
    return Optional.empty();
  }

  /** Why {@code port} is not a valid TCP port, if it is not. */
  public static Optional<String> portProblem(int port) {
    return port >= 1 && port <= 65535
        ? Optional.empty()
        : Optional.of("a port is a number from 1 to 65535.");
  }

  /** Why {@code host} is not a plausible host name or address, if it is not. */
  public static Optional<String> hostProblem(String host) {
    String h = host == null ? "" : host.strip();
    if (h.isEmpty()) {
      return Optional.of("The PACS host is required.");
    }
    if (h.length() > 253 || h.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      return Optional.of("The PACS host is not a valid host name or address.");
    }
    return Optional.empty();
  }

  /** Why {@code url} is not a usable DICOMweb base URL, if it is not. */
  public static Optional<String> urlProblem(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("The DICOMweb address must start with http:// or https://.");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      return Optional.of("The DICOMweb address has no host name.");
    }
    return Optional.empty();
  }
}
