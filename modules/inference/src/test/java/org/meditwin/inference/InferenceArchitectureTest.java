package org.meditwin.inference;

import org.meditwin.testsupport.ArchitectureRules;

class InferenceArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.inference";
  }
}
