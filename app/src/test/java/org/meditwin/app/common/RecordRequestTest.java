package org.meditwin.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.meditwin.app.common.PaneContext.Pane;
import org.meditwin.app.common.PaneContext.RecordRequest;

class RecordRequestTest {

  @Test
  void indexIdsNameThePaneOfTheirKind() {
    assertThat(RecordRequest.paneOf("note:n-1")).contains(Pane.SOAP);
    assertThat(RecordRequest.paneOf("document:d-1")).contains(Pane.DOCUMENTS);
    assertThat(RecordRequest.paneOf("imaging:s-1")).contains(Pane.IMAGING);
    assertThat(RecordRequest.paneOf("event:e-1")).contains(Pane.TIMELINE);
  }

  @Test
  void unknownOrEmptyIdsNameNoPane() {
    assertThat(RecordRequest.paneOf("context")).isEmpty();
    assertThat(RecordRequest.paneOf("note:")).isEmpty();
    assertThat(RecordRequest.paneOf("")).isEmpty();
  }

  @Test
  void localIdIsTheStoreIdOnlyForTheRecordsOwnPane() {
    RecordRequest doc = new RecordRequest("p-1", "document:abc:def");
    assertThat(doc.localId(Pane.DOCUMENTS)).contains("abc:def");
    assertThat(doc.localId(Pane.SOAP)).isEmpty();
    assertThat(doc.pane()).isEqualTo(Optional.of(Pane.DOCUMENTS));
    assertThat(new RecordRequest("p-1", "note:n-9").localId(Pane.SOAP)).contains("n-9");
  }
}
