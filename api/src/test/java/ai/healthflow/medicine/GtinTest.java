package ai.healthflow.medicine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GtinTest {

    /** A valid GTIN-13 for test data: the twelve given digits and their check digit. */
    static String withCheckDigit(String body12) {
        return body12 + Gtin.checkDigit(body12);
    }

    @Test
    void validGtin13And14Pass() {
        assertThat(Gtin.isValid("6221234567890")).isEqualTo(Gtin.checkDigit("622123456789") == 0);
        assertThat(Gtin.isValid("4006381333931")).isTrue();   // a published GS1 example
        assertThat(Gtin.isValid("10614141000415")).isTrue();  // GS1 GTIN-14 example
    }

    @Test
    void aWrongCheckDigitFails() {
        assertThat(Gtin.isValid("4006381333932")).isFalse();
        assertThat(Gtin.isValid("10614141000416")).isFalse();
    }

    @Test
    void otherLengthsAndNonDigitsFail() {
        assertThat(Gtin.isValid("400638133393")).isFalse();
        assertThat(Gtin.isValid("40063813339310")).isFalse();
        assertThat(Gtin.isValid("400638133393X")).isFalse();
        assertThat(Gtin.isValid("٤٠٠٦٣٨١٣٣٣٩٣١")).as("Arabic digits are not a barcode").isFalse();
        assertThat(Gtin.isValid(null)).isFalse();
    }
}
