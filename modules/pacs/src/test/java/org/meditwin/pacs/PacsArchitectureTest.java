package org.meditwin.pacs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.meditwin.testsupport.ArchitectureRules;

class PacsArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.pacs";
  }

  @Test
  void pixelMedStaysInsideTheDimsePackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.meditwin.pacs.dimse..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.pixelmed..")
        .because("PixelMed only encodes data sets, behind org.meditwin.pacs.dimse (ADR 0124)")
        .check(classes());
  }

  @Test
  void imagingInternalsAreNotUsed() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.meditwin.imaging.pixelmed..")
        .check(classes());
  }
}
