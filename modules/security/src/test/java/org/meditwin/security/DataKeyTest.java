package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DataKeyTest {

  @Test
  void generatedKeysAre256BitAndDistinct() {
    try (DataKey a = DataKey.generate();
        DataKey b = DataKey.generate()) {
      assertThat(a.raw()).hasSize(32);
      assertThat(a.sameKeyAs(b)).isFalse();
    }
  }

  @Test
  void ofCopiesTheInputAndRawReturnsACopy() {
    byte[] raw = new byte[32];
    raw[0] = 7;
    try (DataKey k = DataKey.of(raw)) {
      raw[0] = 9;
      assertThat(k.raw()[0]).isEqualTo((byte) 7);
      k.raw()[1] = 5;
      assertThat(k.raw()[1]).isZero();
    }
  }

  @Test
  void rejectsWrongLength() {
    assertThatThrownBy(() -> DataKey.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deriveMatchesRfc5869TestCase1Construction() {
    // RFC 5869 A.3 (SHA-256, zero-length salt and info) pins our HKDF implementation.
    byte[] ikm = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] okm = Hkdf.derive(ikm, new byte[0], new byte[0], 42);
    assertThat(HexFormat.of().formatHex(okm))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void derivedKeysArePurposeSpecificAndDeterministic() {
    try (DataKey k = DataKey.generate();
        DataKey same = DataKey.of(k.raw())) {
      assertThat(k.derive("field-v1", 32)).isEqualTo(same.derive("field-v1", 32));
      assertThat(k.derive("field-v1", 32)).isNotEqualTo(k.derive("pseudonym-v1", 32));
      assertThat(k.derive("x", 16)).hasSize(16);
    }
  }

  @Test
  void h2PasswordsAreDistinctLowerHexOf32Bytes() {
    try (DataKey k = DataKey.generate()) {
      String file = new String(k.h2FilePassword());
      String user = new String(k.h2UserPassword());
      assertThat(file).matches("[0-9a-f]{64}");
      assertThat(user).matches("[0-9a-f]{64}");
      assertThat(file).isNotEqualTo(user);
      assertThat(file).isEqualTo(HexFormat.of().formatHex(k.derive("h2-file", 32)));
    }
  }

  @Test
  void closeZeroesAndForbidsFurtherUse() {
    DataKey k = DataKey.generate();
    k.close();
    assertThatThrownBy(k::raw).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> k.derive("a", 8)).isInstanceOf(IllegalStateException.class);
    assertThat(k.toString()).doesNotContainPattern("[0-9a-f]{16}");
  }
}
