package org.meditwin.documents;

/** Where a document's ingestion job stands; persisted, so it survives restarts. */
public enum DocumentStatus {
  /** Stored and waiting for the worker. */
  PENDING,
  /** A worker is extracting text (a job found here at start-up was interrupted and is retried). */
  PROCESSING,
  /** Text, entities and proposed events are stored. */
  DONE,
  /** Nothing was extracted; {@link FailureReason} says why. The original is kept. */
  FAILED
}
