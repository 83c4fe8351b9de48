package org.meditwin.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void readsQuotedFieldsWithCommasDoubledQuotesAndNewlines() throws Exception {
    String text = "id,text\r\n1,\"Doctor: hello, \"\"Ann\"\"\nPatient: hi\"\n2,plain\n";
    assertThat(Csv.read(new StringReader(text)))
        .containsExactly(
            List.of("id", "text"),
            List.of("1", "Doctor: hello, \"Ann\"\nPatient: hi"),
            List.of("2", "plain"));
  }

  @Test
  void lastRowWithoutNewlineAndEmptyFieldsAreKept() throws Exception {
    assertThat(Csv.read(new StringReader("a,,c\nx,\"\",")))
        .containsExactly(List.of("a", "", "c"), List.of("x", "", ""));
  }

  @Test
  void emptyInputHasNoRows() throws Exception {
    assertThat(Csv.read(new StringReader(""))).isEmpty();
  }
}
