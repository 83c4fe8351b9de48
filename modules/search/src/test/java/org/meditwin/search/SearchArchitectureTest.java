package org.meditwin.search;

import org.meditwin.testsupport.ArchitectureRules;

class SearchArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.search";
  }
}
