package org.meditwin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  @Test
  void detectsTheFourUiLanguages() {
    assertThat(LanguageDetector.detect("How is tinnitus treated?")).isEqualTo("en");
    assertThat(LanguageDetector.detect("¿Cómo se trata el tinnitus? Me duele el oído desde ayer."))
        .isEqualTo("es");
    assertThat(LanguageDetector.detect("tengo dolor de cabeza y fiebre")).isEqualTo("es");
    assertThat(LanguageDetector.detect("耳鸣应该怎么治疗？")).isEqualTo("zh");
    assertThat(LanguageDetector.detect("我的 MRI 结果正常吗")).isEqualTo("zh");
    assertThat(LanguageDetector.detect("मुझे सिरदर्द है और बुखार भी है")).isEqualTo("hi");
  }

  @Test
  void detectsOtherLatinLanguagesByStopWords() {
    assertThat(LanguageDetector.detect("J'ai mal à la tête depuis trois jours et je suis fatigué"))
        .isEqualTo("fr");
    assertThat(
            LanguageDetector.detect("Ich habe seit gestern Schmerzen im Ohr und das ist schlimm"))
        .isEqualTo("de");
  }

  @Test
  void shortOrSymbolOnlyTextIsHandled() {
    assertThat(LanguageDetector.detect("")).isEqualTo("und");
    assertThat(LanguageDetector.detect("12345 !!! ???")).isEqualTo("und");
    assertThat(LanguageDetector.detect("BMI")).isEqualTo("en");
    assertThat(LanguageDetector.detect(null)).isEqualTo("und");
    assertThat(LanguageDetector.detect("Привет, как дела")).isEqualTo("ru");
  }
}
