package org.meditwin.app.cli.record;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Neo4j's {@code lucene9-shaded} jar carries unrelocated {@code org.tartarus.snowball} classes that
 * duplicate Lucene 10's (ADR 0112, ADR 0133). They cannot be excluded (they are inside Neo4j's own
 * jar, which its index code needs) and whichever jar comes first on the class path serves both
 * Lucene copies. That is harmless while nothing stems with Snowball: MediTwin's analyzers use
 * Lucene 10's EnglishAnalyzer (Porter stemming) and the knowledge graph creates no full-text
 * indexes. This test fails when that changes or when the two copies drift further apart.
 */
class SnowballDuplicateTest {
  private static final String PROGRAM = "org/tartarus/snowball/SnowballProgram.class";

  private static List<String> jarsWithSnowball() throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.endsWith(".jar")) {
        continue;
      }
      try (ZipFile z = new ZipFile(entry)) {
        if (z.getEntry(PROGRAM) != null) {
          out.add(entry);
        }
      }
    }
    return out;
  }

  @Test
  void exactlyNeo4jsShadedLucene9AndLucene10CarrySnowball() throws Exception {
    List<String> jars = jarsWithSnowball();
    assertThat(jars)
        .as("a jar with org.tartarus.snowball appeared or the duplicate is gone (update ADR 0133)")
        .hasSize(2)
        .anySatisfy(j -> assertThat(new File(j).getName()).startsWith("lucene9-shaded-"))
        .anySatisfy(
            j -> assertThat(new File(j).getName()).startsWith("lucene-analysis-common-10."));
  }

  @Test
  void noMediTwinCodeUsesSnowballOrNeo4jsShadedLucene() {
    JavaClasses ours =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.meditwin");
    assertThat(ours.size()).isGreaterThan(500);
    noClasses()
        .that()
        .resideInAPackage("org.meditwin..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.tartarus..", "org.apache.lucene.analysis.snowball..", "org.neo4j.shaded.lucene9..")
        .because("two different org.tartarus.snowball copies share one class path (ADR 0133)")
        .check(ours);
  }

  @Test
  void theTwoSnowballCopiesDifferOnlyAsRecorded() throws Exception {
    List<String> jars = jarsWithSnowball();
    String lucene9 =
        jars.stream().filter(j -> new File(j).getName().startsWith("lucene9")).findFirst().get();
    String lucene10 =
        jars.stream().filter(j -> !new File(j).getName().startsWith("lucene9")).findFirst().get();
    String base = "org.tartarus.snowball.SnowballProgram";
    Set<String> in9 = api(lucene9, base);
    Set<String> in10 = api(lucene10, base);
    Set<String> only9 = new TreeSet<>(in9);
    only9.removeAll(in10);
    Set<String> only10 = new TreeSet<>(in10);
    only10.removeAll(in9);
    // measured 2026-11-22 (Neo4j 2026.08.1, Lucene 10.5.1): stemmers compiled against one copy
    // can fail against the other (NoSuchMethodError / NoSuchFieldError), hence no Snowball use
    assertThat(only9).containsExactly("static int oversize(int)");
    assertThat(only10).containsExactly("field protected int length");
    for (String c :
        List.of("org.tartarus.snowball.SnowballStemmer", "org.tartarus.snowball.Among")) {
      assertThat(api(lucene9, c)).as(c).isEqualTo(api(lucene10, c));
    }
  }

  /** Non-private members of a class as loaded from one jar alone. */
  private static Set<String> api(String jar, String className) throws Exception {
    try (URLClassLoader l =
        new URLClassLoader(
            new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> k = Class.forName(className, false, l);
      Set<String> out = new TreeSet<>();
      int shown = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC;
      for (Method m : k.getDeclaredMethods()) {
        if (!Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic()) {
          out.add(
              (Modifier.toString(m.getModifiers() & shown) + " " + m.getReturnType().getName())
                      .strip()
                  + " "
                  + m.getName()
                  + "("
                  + String.join(
                      ",", Arrays.stream(m.getParameterTypes()).map(Class::getName).toList())
                  + ")");
        }
      }
      for (Field f : k.getDeclaredFields()) {
        if (!Modifier.isPrivate(f.getModifiers()) && !f.isSynthetic()) {
          out.add(
              ("field " + Modifier.toString(f.getModifiers() & shown)).strip()
                  + " "
                  + f.getType().getName()
                  + " "
                  + f.getName());
        }
      }
      for (Constructor<?> c : k.getDeclaredConstructors()) {
        if (!Modifier.isPrivate(c.getModifiers())) {
          out.add(
              "ctor("
                  + String.join(
                      ",", Arrays.stream(c.getParameterTypes()).map(Class::getName).toList())
                  + ")");
        }
      }
      return out;
    }
  }
}
