package org.meditwin.soap;

import org.meditwin.testsupport.ArchitectureRules;

class SoapArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.soap";
  }
}
