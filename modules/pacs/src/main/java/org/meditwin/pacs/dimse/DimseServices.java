package org.meditwin.pacs.dimse;

import java.util.function.Predicate;
import org.meditwin.pacs.DimseClient;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.InstanceSink;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.StoreScp;

/** Factories behind {@link DimseClient#of} and {@link StoreScp#start}. */
public final class DimseServices {
  private DimseServices() {}

  public static DimseClient client(PacsNode node, DimseOptions options) {
    return new DimseClientImpl(node, options);
  }

  public static StoreScp storeScp(
      String aeTitle,
      int port,
      InstanceSink sink,
      Predicate<String> callingAeAllowed,
      DimseOptions options) {
    return LoopbackStoreScp.start(aeTitle, port, sink, callingAeAllowed, options);
  }
}
