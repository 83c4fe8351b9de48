package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyAndParamsTest {

  @Test
  void productionParamsAreTheAgreedOnes() {
    assertThat(KdfParams.production()).isEqualTo(new KdfParams(65536, 3, 1));
    assertThat(KdfParams.fastForTests()).isEqualTo(new KdfParams(1024, 1, 1));
  }

  @Test
  void rejectsOutOfRangeKdfParams() {
    assertThatThrownBy(() -> new KdfParams(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KdfParams(1024, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KdfParams(Integer.MAX_VALUE, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lockDurationStartsAtThresholdAndDoublesUpToMax() {
    LockoutPolicy p = LockoutPolicy.standard();
    assertThat(p.lockDuration(4)).isZero();
    assertThat(p.lockDuration(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.lockDuration(6)).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.lockDuration(7)).isEqualTo(Duration.ofSeconds(120));
    assertThat(p.lockDuration(9)).isEqualTo(Duration.ofSeconds(480));
    assertThat(p.lockDuration(10)).isEqualTo(Duration.ofMinutes(15)); // 960 s capped
    assertThat(p.lockDuration(1_000_000)).isEqualTo(Duration.ofMinutes(15));
  }
}
