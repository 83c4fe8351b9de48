package org.meditwin.pacs;

/**
 * Where retrieved instances go (the imaging archive of the current patient, or a folder the user
 * chose for export). Called on a network thread, one instance at a time per association. Throwing
 * makes that one sub-operation fail (the PACS is told "out of resources"); the retrieve goes on.
 */
@FunctionalInterface
public interface InstanceSink {
  void accept(ReceivedInstance instance) throws Exception;
}
