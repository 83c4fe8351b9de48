package org.meditwin.pacs;

import java.util.function.Predicate;
import org.meditwin.pacs.dimse.DimseServices;

/**
 * Our own Storage SCP (C-STORE and C-ECHO), listening on 127.0.0.1 only, keeping every received
 * instance in memory and handing it to an {@link InstanceSink}. The C-MOVE destination of {@link
 * DimseClient#move}; usable alone to receive pushes from a PACS on the same machine.
 */
public interface StoreScp extends AutoCloseable {

  /**
   * Starts listening on {@code 127.0.0.1:port} ({@code 0} = any free port).
   *
   * @param aeTitle the AE title we answer to (associations calling another AE are rejected)
   * @param callingAeAllowed which peers may connect (others are rejected as unknown calling AE)
   */
  static StoreScp start(
      String aeTitle,
      int port,
      InstanceSink sink,
      Predicate<String> callingAeAllowed,
      DimseOptions options) {
    return DimseServices.storeScp(aeTitle, port, sink, callingAeAllowed, options);
  }

  /** The bound port. */
  int port();

  String aeTitle();

  /** Instances received and accepted by the sink so far. */
  int received();

  /** Stops listening and closes open associations. */
  @Override
  void close();
}
