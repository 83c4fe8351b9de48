package org.meditwin.core.task;

/** A unit of background work that reports progress. */
@FunctionalInterface
public interface BackgroundTask<T> {
  T run(ProgressListener progress) throws Exception;
}
