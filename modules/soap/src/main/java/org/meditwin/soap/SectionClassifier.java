package org.meditwin.soap;

import java.util.List;

/** Assigns a SOAP section to clinical sentences. */
interface SectionClassifier extends AutoCloseable {
  /** One section per text, same order. */
  List<Section> classify(List<String> texts);

  /** What classifies, for the draft's engine string ("soap-sections 1.0.0", "rules"). */
  String name();

  @Override
  default void close() {}
}
