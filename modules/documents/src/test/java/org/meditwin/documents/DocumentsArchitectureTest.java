package org.meditwin.documents;

import org.meditwin.testsupport.ArchitectureRules;

class DocumentsArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.documents";
  }
}
