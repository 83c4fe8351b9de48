package org.meditwin.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatcherTest {
  @Test
  void tokensArrivingBeforeTheFxThreadRunsAreDeliveredAsOneBatch() {
    Deque<Runnable> fxQueue = new ArrayDeque<>();
    List<String> batches = new ArrayList<>();
    TokenBatcher b = new TokenBatcher(fxQueue::add, batches::add);
    b.append("Asthma ");
    b.append("is ");
    b.append("chronic");
    assertThat(fxQueue).as("one runnable queued, not three").hasSize(1);
    fxQueue.poll().run();
    assertThat(batches).containsExactly("Asthma is chronic");
    b.append(".");
    assertThat(fxQueue).hasSize(1);
    fxQueue.poll().run();
    assertThat(batches).containsExactly("Asthma is chronic", ".");
    b.drain();
    assertThat(batches).hasSize(2);
  }
}
