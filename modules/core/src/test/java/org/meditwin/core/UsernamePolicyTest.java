package org.meditwin.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.meditwin.core.service.UsernamePolicy;

class UsernamePolicyTest {
  @Test
  void acceptsLettersDigitsAndSeparators() {
    assertThat(UsernamePolicy.problem("dr.ortega")).isEmpty();
    assertThat(UsernamePolicy.problem(" a.b_c-d@clinic ")).isEmpty();
    assertThat(UsernamePolicy.problem("médico7")).isEmpty();
  }

  @Test
  void rejectsBlankShortLongAndSpacedNames() {
    assertThat(UsernamePolicy.problem("  ")).contains("username.required");
    assertThat(UsernamePolicy.problem(null)).contains("username.required");
    assertThat(UsernamePolicy.problem("a")).contains("username.format");
    assertThat(UsernamePolicy.problem("two words")).contains("username.format");
    assertThat(UsernamePolicy.problem("x".repeat(65))).contains("username.tooLong");
  }
}
