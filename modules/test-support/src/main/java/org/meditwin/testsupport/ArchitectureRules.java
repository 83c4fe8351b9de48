package org.meditwin.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Layering rules every module checks. A module's test extends this class and names its root
 * package; {@code modules/*} additionally set {@link #isLibraryModule()}.
 *
 * <p>Rules: no {@code javafx.*} in modules; modules never depend on {@code org.meditwin.app}; no
 * package cycles; no {@code System.out/err} or {@code printStackTrace} outside the CLI; logging
 * only through SLF4J.
 */
public abstract class ArchitectureRules {

  /** Root package of the module under test, e.g. {@code org.meditwin.security}. */
  protected abstract String rootPackage();

  /** True for {@code modules/*}: they must not touch JavaFX or the app. */
  protected boolean isLibraryModule() {
    return true;
  }

  /** Packages allowed to print to the console (the CLI). */
  protected String[] consolePackages() {
    return new String[0];
  }

  protected final JavaClasses classes() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(rootPackage());
  }

  @Test
  void libraryModulesDoNotUseJavaFx() {
    if (!isLibraryModule()) {
      return;
    }
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .because("modules/* are UI-free; view models in app adapt them")
        .check(classes());
  }

  @Test
  void libraryModulesDoNotDependOnTheApp() {
    if (!isLibraryModule()) {
      return;
    }
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.meditwin.app..")
        .because("layering is app -> modules -> core")
        .check(classes());
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching(rootPackage() + ".(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(classes());
  }

  @Test
  void noConsoleOutputOutsideTheCli() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages(consolePackages())
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .orShould()
            .callMethod(Throwable.class, "printStackTrace")
            .because("logs are structured, PHI-free and go through SLF4J")
            .allowEmptyShould(true);
    rule.check(classes());
  }

  @Test
  void loggingOnlyThroughSlf4j() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.util.logging..", "org.apache.log4j..", "org.apache.logging..")
        .allowEmptyShould(true)
        .check(classes());
  }
}
