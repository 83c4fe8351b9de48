package org.meditwin.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.SoapDraft;

class NoteContentCodecTest {
  @Test
  void roundTripsEveryPartOfADraft() {
    SoapDraft d = NoteFixture.hearingDraft("Ringing — «left» ear, 二 weeks.");
    assertThat(NoteContentCodec.decode(NoteContentCodec.encode(d))).isEqualTo(d);
  }

  @Test
  void equalDraftsGiveEqualBytesAndHashes() {
    String a = NoteContentCodec.encode(NoteFixture.hearingDraft("Same."));
    String b = NoteContentCodec.encode(NoteFixture.hearingDraft("Same."));
    assertThat(a).isEqualTo(b);
    assertThat(NoteContentCodec.sha256(a)).isEqualTo(NoteContentCodec.sha256(b)).hasSize(64);
  }

  @Test
  void emptyDraftHasNoAudiogramAndRoundTrips() {
    SoapDraft empty = NoteContentCodec.empty(NoteTemplate.GENERAL);
    assertThat(NoteContentCodec.decode(NoteContentCodec.encode(empty))).isEqualTo(empty);
  }

  @Test
  void refusesAnUnknownFormat() {
    assertThatThrownBy(() -> NoteContentCodec.decode("{\"format\":99}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format");
  }
}
