package org.meditwin.pacs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.meditwin.pacs.PacsException;

class MultipartReaderTest {
  private static byte[] body(String boundary, List<byte[]> parts, String preamble) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(preamble.getBytes(StandardCharsets.US_ASCII));
    for (byte[] p : parts) {
      b.writeBytes(
          ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(p);
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  private static List<byte[]> read(byte[] body, String boundary, long max) throws IOException {
    MultipartReader r = new MultipartReader(new ByteArrayInputStream(body), boundary, max);
    List<byte[]> out = new ArrayList<>();
    Optional<MultipartReader.Part> p;
    while ((p = r.next()).isPresent()) {
      assertThat(p.get().header("Content-Type")).contains("application/dicom");
      out.add(p.get().body());
    }
    return out;
  }

  @Test
  void readsBinaryPartsExactlyIncludingDelimiterLookalikes() throws IOException {
    Random random = new Random(42);
    byte[] big = new byte[300_000];
    random.nextBytes(big);
    byte[] tricky = "\r\n--bound\r\n--boun".getBytes(StandardCharsets.US_ASCII);
    byte[] empty = new byte[0];
    List<byte[]> parts = List.of(big, tricky, empty);
    assertThat(read(body("boundary42", parts, ""), "boundary42", 1 << 20))
        .containsExactly(big, tricky, empty);
    assertThat(read(body("boundary42", parts, "preamble text\r\n"), "boundary42", 1 << 20))
        .hasSize(3);
  }

  @Test
  void partsLargerThanTheLimitAreRefused() {
    byte[] big = new byte[5000];
    assertThatThrownBy(() -> read(body("b", List.of(big), ""), "b", 1000))
        .isInstanceOf(PacsException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void truncatedBodiesAreRefused() {
    byte[] full = body("b", List.of(new byte[100]), "");
    byte[] cut = java.util.Arrays.copyOf(full, 80);
    assertThatThrownBy(() -> read(cut, "b", 1000))
        .isInstanceOf(PacsException.class)
        .hasMessageContaining("ended in the middle");
  }

  @Test
  void boundaryIsTakenFromTheContentTypeQuotedOrNot() {
    assertThat(
            MultipartReader.boundaryOf(
                "multipart/related; type=\"application/dicom\"; boundary=\"abc def\""))
        .isEqualTo("abc def");
    assertThat(MultipartReader.boundaryOf("Multipart/Related;boundary=xyz;type=application/dicom"))
        .isEqualTo("xyz");
    assertThatThrownBy(() -> MultipartReader.boundaryOf("application/json"))
        .isInstanceOf(PacsException.class)
        .hasMessageContaining("not answer with a multipart");
    assertThatThrownBy(() -> MultipartReader.boundaryOf("multipart/related; type=x"))
        .hasMessageContaining("no boundary");
  }
}
