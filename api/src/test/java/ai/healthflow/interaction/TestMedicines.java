package ai.healthflow.interaction;

import ai.healthflow.testing.Http;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Registers medicines through the API (the test configuration loads no demo registry). */
final class TestMedicines {
    private static final AtomicInteger NUMBER = new AtomicInteger(300_000);

    private TestMedicines() {
    }

    /** @param genericEn "a" or "a + b" for a combination */
    static UUID create(Http http, String officerToken, String tradeEn, String tradeAr, String genericEn, String genericAr) {
        Http.Response created = http.postAs(officerToken, "/api/v2/medicines", """
                {"registrationNo":"EG-%d","tradeNameEn":"%s","tradeNameAr":"%s","genericNameEn":"%s",
                 "genericNameAr":"%s","dosageForm":"tablet","route":"oral","manufacturer":"Test Pharma","priceEgp":20}"""
                .formatted(NUMBER.incrementAndGet(), tradeEn, tradeAr, genericEn, genericAr));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().at("/data/id").asText());
    }
}
