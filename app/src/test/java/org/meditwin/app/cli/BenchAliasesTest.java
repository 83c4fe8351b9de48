package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchAliasesTest {
  @Test
  void benchOfADelegatedSuiteRunsThatCommandsBench() {
    assertThat(MediTwinCli.benchAliases(new String[] {"--json", "bench", "nlp", "--x", "1"}))
        .containsExactly("--json", "nlp", "bench", "--x", "1");
    assertThat(MediTwinCli.benchAliases(new String[] {"--home", "bench", "bench", "asr"}))
        .containsExactly("--home", "bench", "asr", "bench");
  }

  @Test
  void otherCommandsAreUntouched() {
    assertThat(MediTwinCli.benchAliases(new String[] {"bench", "inference"}))
        .containsExactly("bench", "inference");
    assertThat(MediTwinCli.benchAliases(new String[] {"nlp", "bench", "nlp"}))
        .containsExactly("nlp", "bench", "nlp");
    assertThat(MediTwinCli.benchAliases(new String[0])).isEmpty();
  }
}
