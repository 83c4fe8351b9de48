package org.meditwin.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static String sentences(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "Sentence number " + i + " talks about the heart and lungs.")
        .collect(Collectors.joining(" "));
  }

  @Test
  void everyChunkStaysWithinTheTokenBudget() {
    Chunker chunker = new Chunker(40, 10);
    for (Chunk c : chunker.chunk(sentences(50))) {
      assertThat(c.tokens()).isLessThanOrEqualTo(40);
      assertThat(Chunker.countTokens(c.text())).isEqualTo(c.tokens());
    }
  }

  @Test
  void chunksEndOnSentenceBoundaries() {
    String text = sentences(30);
    List<Chunk> chunks = new Chunker(40, 10).chunk(text);
    assertThat(chunks).hasSizeGreaterThan(3);
    for (Chunk c : chunks) {
      assertThat(c.text()).startsWith("Sentence number").endsWith("lungs.");
      assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
    }
  }

  @Test
  void consecutiveChunksOverlapByWholeTrailingSentences() {
    List<Chunk> chunks = new Chunker(40, 12).chunk(sentences(30));
    for (int i = 1; i < chunks.size(); i++) {
      Chunk prev = chunks.get(i - 1);
      Chunk next = chunks.get(i);
      // each sentence is 11 tokens: exactly one sentence is repeated
      assertThat(next.start()).isLessThan(prev.end());
      String lastSentenceOfPrev = prev.text().substring(prev.text().lastIndexOf("Sentence number"));
      assertThat(next.text()).startsWith(lastSentenceOfPrev);
    }
  }

  @Test
  void withoutOverlapChunksPartitionTheText() {
    List<Chunk> chunks = new Chunker(40, 0).chunk(sentences(30));
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
    }
    int perSentence = Chunker.countTokens("Sentence number 7 talks about the heart and lungs.");
    assertThat(chunks.stream().mapToInt(Chunk::tokens).sum()).isEqualTo(30 * perSentence);
  }

  @Test
  void anOverlongSentenceIsSplitAtWordsWithinBudget() {
    String longSentence =
        IntStream.range(0, 300).mapToObj(i -> "word" + i).collect(Collectors.joining(" ")) + ".";
    List<Chunk> chunks = new Chunker(50, 10).chunk(longSentence);
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(6);
    assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(50));
    assertThat(chunks.getFirst().text()).startsWith("word0 ");
  }

  @Test
  void anAbsurdlyLongWordIsHardSplit() {
    String blob = "x".repeat(20_000);
    List<Chunk> chunks = new Chunker(64, 8).chunk(blob);
    assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(64));
    assertThat(chunks.stream().mapToInt(c -> c.text().length()).sum()).isEqualTo(20_000);
  }

  @Test
  void medquadBulletsAndParagraphsAreBoundaries() {
    String text =
        "Key Points\n  - Fever is common.    - Fatigue may occur\n\nAnother paragraph here.";
    List<Chunk> chunks = new Chunker(16, 0).chunk(text);
    assertThat(chunks).extracting(Chunk::text).doesNotContain(text);
    assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(16));
  }

  @Test
  void blankTextGivesNoChunks() {
    assertThat(Chunker.standard().chunk("  \n ")).isEmpty();
  }

  @Test
  void rejectsOverlapAtLeastHalfTheBudget() {
    assertThatThrownBy(() -> new Chunker(40, 20)).isInstanceOf(IllegalArgumentException.class);
  }
}
