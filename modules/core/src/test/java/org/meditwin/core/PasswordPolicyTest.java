package org.meditwin.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.meditwin.core.service.PasswordPolicy;

class PasswordPolicyTest {
  @Test
  void rejectsShortAndBlankPasswords() {
    assertThat(PasswordPolicy.problem("short".toCharArray())).contains("password.tooShort");
    assertThat(PasswordPolicy.problem("           ".toCharArray())).contains("password.blank");
    assertThat(PasswordPolicy.problem(null)).isPresent();
  }

  @Test
  void acceptsLongEnoughPasswords() {
    assertThat(PasswordPolicy.problem("correct horse battery".toCharArray())).isEmpty();
  }
}
