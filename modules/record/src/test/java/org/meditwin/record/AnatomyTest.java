package org.meditwin.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnatomyTest {
  final Anatomy anatomy = Anatomy.standard();

  @Test
  void everyPartReachesTheBodyRoot() {
    for (Anatomy.BodyPart p : anatomy.all()) {
      if (!p.key().equals("body")) {
        assertThat(anatomy.ancestors(p)).last().extracting(Anatomy.BodyPart::key).isEqualTo("body");
      }
    }
  }

  @Test
  void cochleaLiesInsideTheEar() {
    Anatomy.BodyPart ear = anatomy.resolve("Ear").orElseThrow();
    assertThat(anatomy.selfAndDescendants(ear))
        .extracting(Anatomy.BodyPart::key)
        .contains("cochlea", "tympanic-membrane", "middle-ear");
    assertThat(anatomy.resolve("ear drum"))
        .map(Anatomy.BodyPart::key)
        .contains("tympanic-membrane");
  }

  @Test
  void inferPicksTheMostSpecificTermAndTheSide() {
    Anatomy.Site s =
        anatomy.infer("Sensorineural hearing loss of left ear (disorder)").orElseThrow();
    assertThat(s.part().key()).isEqualTo("inner-ear");
    assertThat(s.laterality()).isEqualTo(Laterality.LEFT);
    assertThat(anatomy.infer("Otitis media").orElseThrow().part().key()).isEqualTo("middle-ear");
    assertThat(anatomy.infer("Bilateral tinnitus").orElseThrow().laterality())
        .isEqualTo(Laterality.BILATERAL);
  }

  @Test
  void wordsInsideOtherWordsDoNotMatch() {
    // "heart" contains "ear", "year" too
    assertThat(anatomy.infer("Heart failure this year").orElseThrow().part().key())
        .isEqualTo("heart");
    assertThat(anatomy.infer("Pharmacy review")).isEmpty();
  }

  @Test
  void unpairedPartsHaveNoSide() {
    assertThat(anatomy.infer("Left-sided chest pain").orElseThrow().laterality())
        .isEqualTo(Laterality.NONE);
  }
}
