package org.meditwin.notes;

import org.meditwin.testsupport.ArchitectureRules;

class NotesArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.notes";
  }
}
