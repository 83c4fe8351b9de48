package org.meditwin.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptDocumentsTest {
  @TempDir Path dir;

  @Test
  void readsUtf8Utf16AndWindows1252Text() throws IOException {
    Path utf8 = Files.writeString(dir.resolve("a.txt"), "Patient: Ringing, naïve.\r\nDoctor: OK.");
    assertThat(TranscriptDocuments.read(utf8)).isEqualTo("Patient: Ringing, naïve.\nDoctor: OK.");
    Path utf16 = dir.resolve("b.txt");
    byte[] body = "Patient: 耳鸣".getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    Files.write(utf16, withBom);
    assertThat(TranscriptDocuments.read(utf16)).isEqualTo("Patient: 耳鸣");
    Path cp1252 = dir.resolve("c.md");
    Files.write(cp1252, new byte[] {'c', 'a', 'f', (byte) 0xE9});
    assertThat(TranscriptDocuments.read(cp1252)).isEqualTo("café");
  }

  @Test
  void readsTheTextOfABornDigitalPdf() throws IOException {
    Path pdf = dir.resolve("visit.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, NotePdf.Fonts.system().regular().toFile());
      try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
        out.beginText();
        out.setFont(font, 12);
        out.newLineAtOffset(50, 700);
        out.showText("Patient reports ringing in the left ear.");
        out.endText();
      }
      doc.save(pdf.toFile());
    }
    assertThat(TranscriptDocuments.read(pdf)).isEqualTo("Patient reports ringing in the left ear.");
  }

  @Test
  void explainsEmptyBinaryDamagedAndUnsupportedFiles() throws IOException {
    assertThatThrownBy(
            () -> TranscriptDocuments.read(Files.writeString(dir.resolve("e.txt"), " \n")))
        .isInstanceOf(TranscriptImportException.class)
        .hasMessage("The file is empty.");
    assertThatThrownBy(
            () -> TranscriptDocuments.read(Files.write(dir.resolve("b.txt"), new byte[] {1, 0, 2})))
        .hasMessage("The file is not a text document.");
    assertThatThrownBy(
            () ->
                TranscriptDocuments.read(Files.writeString(dir.resolve("x.pdf"), "%PDF-1.7 junk")))
        .hasMessage("The PDF is damaged or not a PDF.");
    assertThatThrownBy(
            () -> TranscriptDocuments.read(Files.writeString(dir.resolve("x.docx"), "a")))
        .hasMessageContaining("Only text");
    assertThatThrownBy(() -> TranscriptDocuments.read(dir.resolve("missing.txt")))
        .hasMessage("The file no longer exists.");
  }

  @Test
  void aPdfWithoutTextPointsToOcr() throws IOException {
    Path pdf = dir.resolve("scan.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      doc.save(pdf.toFile());
    }
    assertThatThrownBy(() -> TranscriptDocuments.read(pdf)).hasMessageContaining("OCR");
  }
}
