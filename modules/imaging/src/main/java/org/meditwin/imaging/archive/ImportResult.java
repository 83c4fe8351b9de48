package org.meditwin.imaging.archive;

import java.util.List;
import org.meditwin.imaging.Catalog;

/**
 * What an import did. Each object is stored all-or-nothing: an object is either in {@link
 * #imported()}, counted in {@link #duplicates()} (its SOP Instance UID was already archived), or in
 * {@link #problems()} with its reason; objects after a cancellation are in none of them.
 *
 * @param studyInstanceUids the studies that received new objects, in first-seen order
 * @param cancelled the caller cancelled before every source was handled
 */
public record ImportResult(
    List<ArchivedInstance> imported,
    int duplicates,
    List<Catalog.FileProblem> problems,
    List<String> studyInstanceUids,
    boolean cancelled) {

  public ImportResult {
    imported = List.copyOf(imported);
    problems = List.copyOf(problems);
    studyInstanceUids = List.copyOf(studyInstanceUids);
  }

  public int importedCount() {
    return imported.size();
  }
}
