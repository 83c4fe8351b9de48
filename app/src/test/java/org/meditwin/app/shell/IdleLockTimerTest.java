package org.meditwin.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.meditwin.testsupport.MutableClock;

class IdleLockTimerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T08:00:00Z"));

  @Test
  void becomesIdleOnlyAfterTheTimeoutWithoutActivity() {
    IdleLockTimer t = new IdleLockTimer(clock, Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(9));
    assertThat(t.isIdle()).isFalse();
    t.activity();
    clock.advance(Duration.ofMinutes(9));
    assertThat(t.isIdle()).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(t.isIdle()).isTrue();
  }

  @Test
  void shorterTimeoutAppliesImmediately() {
    IdleLockTimer t = new IdleLockTimer(clock, Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(3));
    t.setTimeout(Duration.ofMinutes(2));
    assertThat(t.isIdle()).isTrue();
  }

  @Test
  void rejectsNonPositiveTimeouts() {
    assertThatThrownBy(() -> new IdleLockTimer(clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
