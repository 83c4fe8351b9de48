package org.meditwin.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.meditwin.testsupport.ArchitectureRules;

class SecurityArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.security";
  }

  @Test
  void securityDependsOnlyOnCoreJdkBouncyCastleJacksonAndSlf4j() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "javax.crypto..",
            "org.meditwin.core..",
            "org.meditwin.security..",
            "org.bouncycastle..",
            "com.fasterxml.jackson..",
            "org.slf4j..")
        .check(classes());
  }
}
