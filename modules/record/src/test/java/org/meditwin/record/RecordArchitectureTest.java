package org.meditwin.record;

import org.meditwin.testsupport.ArchitectureRules;

class RecordArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.record";
  }
}
