package org.meditwin.nlp.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
  private final PiiDetector rules = PiiDetector.rulesOnly();

  private List<PiiSpan> find(String text) {
    List<PiiSpan> spans = rules.detect(text, DeidPolicy.strict());
    for (PiiSpan s : spans) {
      assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
    }
    return spans;
  }

  private PiiType typeOf(String text, String value) {
    int at = text.indexOf(value);
    return find(text).stream()
        .filter(s -> s.start() <= at && s.end() >= at + value.length())
        .map(PiiSpan::type)
        .findFirst()
        .orElse(null);
  }

  @Test
  void findsEmailUrlAndIpAddresses() {
    String t = "Mail jane.doe@example.org, see https://portal.clinic.example/x?id=3 or 10.0.12.7";
    assertThat(typeOf(t, "jane.doe@example.org")).isEqualTo(PiiType.EMAIL);
    assertThat(typeOf(t, "https://portal.clinic.example/x?id=3")).isEqualTo(PiiType.URL);
    assertThat(typeOf(t, "10.0.12.7")).isEqualTo(PiiType.IP_ADDRESS);
    assertThat(typeOf("host fe80::1ff:fe23:4567:890a down", "fe80::1ff:fe23:4567:890a"))
        .isEqualTo(PiiType.IP_ADDRESS);
  }

  @Test
  void rejectsImpossibleIpv4() {
    assertThat(typeOf("version 999.1.2.3 released", "999.1.2.3")).isNotEqualTo(PiiType.IP_ADDRESS);
  }

  @Test
  void findsPhoneAndFaxNumbers() {
    String t = "Call (555) 123-4567 or fax 555-987-6543. Mobile +44 20 7946 0958.";
    assertThat(typeOf(t, "(555) 123-4567")).isEqualTo(PiiType.PHONE);
    assertThat(typeOf(t, "555-987-6543")).isEqualTo(PiiType.FAX);
    assertThat(typeOf(t, "+44 20 7946 0958")).isEqualTo(PiiType.PHONE);
  }

  @Test
  void validatesSocialSecurityNumbers() {
    assertThat(typeOf("SSN 123-45-6789 on file", "123-45-6789")).isEqualTo(PiiType.US_SSN);
    assertThat(typeOf("SSN: 078051120", "078051120")).isEqualTo(PiiType.US_SSN);
    // area 000 and 666 are never issued
    assertThat(typeOf("code 000-12-3456 here", "000-12-3456")).isNotEqualTo(PiiType.US_SSN);
    assertThat(typeOf("code 666-12-3456 here", "666-12-3456")).isNotEqualTo(PiiType.US_SSN);
  }

  @Test
  void creditCardsNeedLuhnOrCardContext() {
    assertThat(typeOf("paid with 4111 1111 1111 1111 today", "4111 1111 1111 1111"))
        .isEqualTo(PiiType.CREDIT_CARD);
    assertThat(typeOf("ref 4111111111111112 only", "4111111111111112"))
        .isNotEqualTo(PiiType.CREDIT_CARD);
    assertThat(typeOf("my card 4111111111111112 expired", "4111111111111112"))
        .isEqualTo(PiiType.CREDIT_CARD);
  }

  @Test
  void checksIbanAndNationalIdChecksums() {
    assertThat(typeOf("IBAN GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32"))
        .isEqualTo(PiiType.IBAN);
    assertThat(Checksums.iban("GB82WEST12345698765433")).isFalse();
    assertThat(typeOf("NHS number 943 476 5919", "943 476 5919")).isEqualTo(PiiType.NATIONAL_ID);
    assertThat(Checksums.nhs("9434765918")).isFalse();
    assertThat(typeOf("DNI 12345678Z", "12345678Z")).isEqualTo(PiiType.NATIONAL_ID);
    assertThat(Checksums.spanishId("12345678A")).isFalse();
  }

  @Test
  void findsRecordAccountAndLicenceNumbersByContext() {
    assertThat(typeOf("MRN: 00482913 seen today", "00482913"))
        .isEqualTo(PiiType.MEDICAL_RECORD_NUMBER);
    assertThat(typeOf("Account # AC-77812 overdue", "AC-77812")).isEqualTo(PiiType.ACCOUNT_NUMBER);
    assertThat(typeOf("my driver's license number is F162823540116", "F162823540116"))
        .isEqualTo(PiiType.LICENSE_NUMBER);
    assertThat(typeOf("Medicare number 1EG4-TE5-MK73", "1EG4-TE5-MK73"))
        .isEqualTo(PiiType.ACCOUNT_NUMBER);
  }

  @Test
  void findsDatesInCommonFormats() {
    for (String d :
        List.of(
            "2021-03-04", "03/04/2021", "4 March 2021", "March 4, 2021", "Mar 2021", "Tuesday")) {
      assertThat(typeOf("Seen on " + d + " for review", d)).as(d).isEqualTo(PiiType.DATE);
    }
  }

  @Test
  void safeHarborMasksOnlyAgesOverEightyNine() {
    String t = "A 92-year-old man and his 64 year old daughter.";
    List<PiiSpan> hipaa = rules.detect(t, DeidPolicy.hipaaSafeHarbor());
    assertThat(hipaa).extracting(PiiSpan::text).contains("92").doesNotContain("64");
    assertThat(rules.detect(t, DeidPolicy.strict())).extracting(PiiSpan::text).contains("64");
  }

  @Test
  void findsStreetAddressesAndNamesAfterTitles() {
    String t = "Dr. Maria Lopez saw the patient at 1234 Oak Street, Apt 5 yesterday.";
    assertThat(typeOf(t, "Maria Lopez")).isEqualTo(PiiType.PERSON);
    assertThat(typeOf(t, "1234 Oak Street")).isEqualTo(PiiType.LOCATION);
  }

  @Test
  void postalCodesAndRegionCodesNextToAnAddressAreMasked() {
    String t = "Lives at 4 Elm Street\n  NY   12345 since spring.";
    List<PiiSpan> spans = find(t);
    assertThat(typeOf(t, "NY")).isEqualTo(PiiType.LOCATION);
    assertThat(typeOf(t, "12345")).isEqualTo(PiiType.LOCATION);
    assertThat(spans).extracting(PiiSpan::text).noneMatch(x -> x.contains("since"));
  }

  @Test
  void titlesAreNotPartOfTheMaskedName() {
    String t = "Patient: Mr. Harold Whitfield";
    assertThat(find(t)).extracting(PiiSpan::text).containsExactly("Harold Whitfield");
  }

  @Test
  void drugAndDiseaseNamesAreNotPeople() {
    String t =
        "Dr. Weber performed a Weber test. Meniere's disease suspected; started Betahistine.";
    List<PiiSpan> spans = find(t);
    assertThat(spans).extracting(PiiSpan::text).containsExactly("Weber");
    assertThat(spans.get(0).start()).isEqualTo(4);
  }

  @Test
  void clinicalNumbersAreNotPhoneNumbers() {
    String t = "BP 120/80, pulse 72, PTA 45 dB HL, amoxicillin 500 mg three times daily.";
    assertThat(find(t)).isEmpty();
  }

  @Test
  void overlappingFindingsMergeIntoOneSpan() {
    String t = "Contact: john.smith@mail.com";
    List<PiiSpan> spans = find(t);
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).type()).isEqualTo(PiiType.EMAIL);
  }
}
