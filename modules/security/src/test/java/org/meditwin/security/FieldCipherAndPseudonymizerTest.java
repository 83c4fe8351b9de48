package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldCipherAndPseudonymizerTest {
  private static final byte[] AAD = "patient/name/42".getBytes(StandardCharsets.UTF_8);

  @Test
  void fieldRoundtripWithFreshNonceEachTime() {
    FieldCipher c = new FieldCipher(DataKey.generate().derive("field-v1", 32));
    byte[] plain = "Jane Example".getBytes(StandardCharsets.UTF_8);
    byte[] a = c.encrypt(plain, AAD);
    byte[] b = c.encrypt(plain, AAD);
    assertThat(a).isNotEqualTo(b).hasSize(12 + plain.length + 16);
    assertThat(c.decrypt(a, AAD)).isEqualTo(plain);
    assertThat(c.decrypt(c.encrypt(new byte[0], new byte[0]), new byte[0])).isEmpty();
  }

  @Test
  void fieldRejectsOtherAadKeyOrFlippedByte() {
    byte[] k = DataKey.generate().derive("field-v1", 32);
    FieldCipher c = new FieldCipher(k);
    byte[] sealed = c.encrypt("x".getBytes(StandardCharsets.UTF_8), AAD);
    assertThatThrownBy(() -> c.decrypt(sealed, "patient/name/43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(
            () -> new FieldCipher(DataKey.generate().derive("f", 32)).decrypt(sealed, AAD))
        .isInstanceOf(IntegrityException.class);
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> c.decrypt(bad, AAD)).isInstanceOf(IntegrityException.class);
    }
    assertThatThrownBy(() -> c.decrypt(new byte[5], AAD)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void fieldCipherNeeds256BitKey() {
    assertThatThrownBy(() -> new FieldCipher(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pseudonymStableAndKeyDependent() {
    byte[] k1 = DataKey.generate().derive("pseudonym-v1", 32);
    byte[] k2 = DataKey.generate().derive("pseudonym-v1", 32);
    Pseudonymizer p1 = new Pseudonymizer(k1);
    String a = p1.pseudonym("user-123");
    assertThat(a).matches("u_[0-9a-f]{16}");
    assertThat(new Pseudonymizer(k1).pseudonym("user-123")).isEqualTo(a);
    assertThat(p1.pseudonym("user-124")).isNotEqualTo(a);
    assertThat(new Pseudonymizer(k2).pseudonym("user-123")).isNotEqualTo(a);
    assertThat(a).doesNotContain("123");
  }

  @Test
  void pseudonymMatchesHmacSha256Definition() throws Exception {
    byte[] k = new byte[32];
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(k, "HmacSHA256"));
    String expected =
        "u_"
            + java.util.HexFormat.of()
                .formatHex(mac.doFinal("abc".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    assertThat(new Pseudonymizer(k).pseudonym("abc")).isEqualTo(expected);
  }
}
