package org.meditwin.nlp.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BioDecoderTest {
  private final BioDecoder d = new BioDecoder(List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC"));

  @Test
  void neverStartsAnEntityWithAnInsideTag() {
    // argmax would give O, I-PER: invalid; the best valid path is O, B-PER
    float[][] p = {{0.9f, 0.02f, 0.02f, 0.03f, 0.03f}, {0.1f, 0.35f, 0.45f, 0.05f, 0.05f}};
    int[] out = d.decode(p);
    assertThat(out).containsExactly(0, 1);
  }

  @Test
  void insideTagsKeepTheirEntityType() {
    float[][] p = {{0.0f, 0.6f, 0.0f, 0.4f, 0.0f}, {0.0f, 0.0f, 0.3f, 0.0f, 0.7f}};
    int[] out = d.decode(p);
    // B-PER then I-LOC is invalid; best valid: B-LOC I-LOC (0.28) vs B-PER I-PER (0.18)
    assertThat(out).containsExactly(3, 4);
    List<BioDecoder.WordSpan> spans = d.spans(out, p);
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).type()).isEqualTo("LOC");
    assertThat(spans.get(0).to()).isEqualTo(2);
  }

  @Test
  void emptyInputGivesNoSpans() {
    assertThat(d.decode(new float[0][])).isEmpty();
  }
}
