package org.meditwin.nlp;

import org.meditwin.testsupport.ArchitectureRules;

class NlpArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.nlp";
  }
}
