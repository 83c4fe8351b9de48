package org.meditwin.store;

import org.meditwin.testsupport.ArchitectureRules;

class StoreArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.store";
  }
}
