package org.meditwin.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessageBundlesTest {

  private static Set<String> keys(Language l) {
    return new TreeSet<>(I18n.bundle(l).keySet());
  }

  @Test
  void allLanguagesHaveExactlyTheSameKeys() {
    Set<String> english = keys(Language.ENGLISH);
    assertThat(english).hasSizeGreaterThan(100);
    for (Language l : Language.values()) {
      assertThat(keys(l)).as(l.name()).isEqualTo(english);
    }
  }

  @Test
  void noValueIsEmptyAndEveryPatternParses() {
    for (Language l : Language.values()) {
      ResourceBundle b = I18n.bundle(l);
      for (String key : b.keySet()) {
        String value = b.getString(key);
        assertThat(value).as(l + " " + key).isNotBlank();
        if (value.contains("{")) {
          // Throws on a malformed pattern (unbalanced braces, bad choice format).
          new MessageFormat(value, l.locale()).format(new Object[] {1, 2, 3});
        }
      }
    }
  }

  @Test
  void bundlesAreRealTranslationsNotEnglishCopies() {
    ResourceBundle en = I18n.bundle(Language.ENGLISH);
    for (Language l : Set.of(Language.SPANISH, Language.CHINESE, Language.HINDI)) {
      ResourceBundle other = I18n.bundle(l);
      long same =
          en.keySet().stream().filter(k -> en.getString(k).equals(other.getString(k))).count();
      // Proper nouns, units and format-only strings may coincide; sentences may not.
      assertThat(same).as(l.name()).isLessThan(12);
    }
  }

  @Test
  void everyLiteralKeyUsedInTheSourcesExists() throws IOException {
    Pattern call = Pattern.compile("i18n\\.get\\(\\s*\"([a-zA-Z0-9_.]+)\"");
    Set<String> english = keys(Language.ENGLISH);
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/meditwin/app"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.toString().contains("/cli/")) {
          continue;
        }
        Matcher m = call.matcher(Files.readString(f));
        while (m.find()) {
          String key = m.group(1);
          if (!key.endsWith(".") && !english.contains(key)) {
            missing.add(key + " (" + f.getFileName() + ")");
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void switchingLanguageChangesMessages() {
    I18n i18n = new I18n(Language.ENGLISH);
    assertThat(i18n.get("nav.patients")).isEqualTo("Patients");
    i18n.setLanguage(Language.SPANISH);
    assertThat(i18n.get("nav.patients")).isEqualTo("Pacientes");
    i18n.setLanguage(Language.CHINESE);
    assertThat(i18n.get("nav.patients")).isEqualTo("患者");
    i18n.setLanguage(Language.HINDI);
    assertThat(i18n.get("nav.patients")).isEqualTo("मरीज़");
    assertThat(i18n.get("validation.password.tooShort", 10)).contains("10");
  }
}
