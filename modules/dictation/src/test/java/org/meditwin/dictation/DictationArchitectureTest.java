package org.meditwin.dictation;

import org.meditwin.testsupport.ArchitectureRules;

class DictationArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.dictation";
  }
}
