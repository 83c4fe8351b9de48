package org.meditwin.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.meditwin.testsupport.ArchitectureRules;

class CoreArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.core";
  }

  @Test
  void coreHasNoThirdPartyDependencies() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", "org.meditwin.core..")
        .check(classes());
  }
}
