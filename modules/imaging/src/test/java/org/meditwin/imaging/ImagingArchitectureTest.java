package org.meditwin.imaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.meditwin.testsupport.ArchitectureRules;

class ImagingArchitectureTest extends ArchitectureRules {
  @Override
  protected String rootPackage() {
    return "org.meditwin.imaging";
  }

  @Test
  void pixelMedStaysInsideItsAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.meditwin.imaging.pixelmed..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.pixelmed..")
        .because("PixelMed is an implementation detail behind DicomReader (ADR 0120)")
        .check(classes());
  }
}
