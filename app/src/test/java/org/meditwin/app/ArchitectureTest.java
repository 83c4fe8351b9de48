package org.meditwin.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;
import org.meditwin.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

  @Override
  protected String rootPackage() {
    return "org.meditwin.app";
  }

  @Override
  protected boolean isLibraryModule() {
    return false;
  }

  @Override
  protected String[] consolePackages() {
    return new String[] {"org.meditwin.app.cli.."};
  }

  /** Views (and their nested classes), the FX application and Fx-prefixed UI adapters. */
  private static final DescribedPredicate<JavaClass> VIEW_CLASS =
      new DescribedPredicate<>("a view (…View, …App or Fx…, including nested classes)") {
        @Override
        public boolean test(JavaClass c) {
          JavaClass top = c;
          while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
          }
          String n = top.getSimpleName();
          return n.endsWith("View") || n.endsWith("App") || n.startsWith("Fx");
        }
      };

  @Test
  void onlyViewsTouchTheSceneGraph() {
    ArchRuleDefinition.classes()
        .that()
        .resideOutsideOfPackage("org.meditwin.app.cli..")
        // the entry point Main (root package) only watches windows for the smoke test
        .and()
        .resideInAPackage("org.meditwin.app.*..")
        .and(
            DescribedPredicate.describe(
                "depend on javafx.scene or javafx.stage",
                (JavaClass c) ->
                    c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(
                            d -> {
                              String p = d.getTargetClass().getPackageName();
                              return p.startsWith("javafx.scene") || p.startsWith("javafx.stage");
                            })))
        .should(
            new com.tngtech.archunit.lang.ArchCondition<JavaClass>("be view classes") {
              @Override
              public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                if (!VIEW_CLASS.test(c)) {
                  events.add(
                      com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                          c, c.getName() + " touches the scene graph but is not a view"));
                }
              }
            })
        .allowEmptyShould(true)
        .check(classes());
  }

  @Test
  void viewModelsStayFreeOfTheSceneGraph() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
        .because("view models are tested without a screen; they may use javafx.beans only")
        .check(classes());
  }

  @Test
  void onlyViewModelsAndTheShellTalkToServices() {
    noClasses()
        .that(VIEW_CLASS)
        .and()
        .resideOutsideOfPackage("org.meditwin.app.cli..")
        .and()
        .doNotHaveSimpleName("ShellView")
        .and()
        .doNotHaveSimpleName("AdminView")
        .and()
        .doNotHaveSimpleName("MainWindowView")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a service method",
                call ->
                    call.getTargetOwner().getPackageName().equals("org.meditwin.core.service")
                        && !call.getTarget().getName().equals("user")))
        .allowEmptyShould(true)
        .check(classes());
  }
}
