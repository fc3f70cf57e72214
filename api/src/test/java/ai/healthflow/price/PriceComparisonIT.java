package ai.healthflow.price;

import ai.healthflow.pharmacy.PharmacyFixtures;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.pharmacy.PharmacyFixtures.ALWAYS_OPEN;
import static ai.healthflow.pharmacy.PharmacyFixtures.SIWA_LAT;
import static ai.healthflow.pharmacy.PharmacyFixtures.SIWA_LNG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Price comparison around Siwa (where only this test's pharmacies are) for a made-up combination product, with
 * equivalents that differ in exactly one respect to show what does not count.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PriceComparisonIT {
    static final TestApp.Extension APP = TestApp.create();
    static final Map<String, String> MEDICINES = new HashMap<>();
    static final Map<String, String> PHARMACIES = new HashMap<>();
    Http http;
    String viewer;

    /** A product of zentacillin + klavobactam (invented, so no other test's medicine is an equivalent). */
    static String medicine(Http http, String officer, String key, String generic, String genericAr, String strength,
                           String form, String price, String status) {
        Http.Response created = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-P%d","tradeNameEn":"%s","tradeNameAr":"دواء %s","genericNameEn":"%s",
                 "genericNameAr":"%s","strength":"%s","dosageForm":"%s","route":"oral","manufacturer":"Pharco",
                 "priceEgp":%s,"status":"%s"}
                """.formatted(100 + MEDICINES.size(), key, key, generic, genericAr, strength, form, price, status));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().at("/data/id").asText();
        MEDICINES.put(key, id);
        return id;
    }

    @BeforeAll
    static void registryAndPharmacies() throws Exception {
        Http http = APP.http();
        String officer = Demo.OFFICER.login(http);
        String combo = "zentacillin + klavobactam";
        String comboAr = "زنتاسيلين + كلافوباكتام";
        medicine(http, officer, "Zentaclav", combo, comboAr, "875 mg + 125 mg", "film-coated tablet", "170", "registered");
        // cheaper equivalents: same ingredients, strength (spacing aside) and form
        medicine(http, officer, "Klavozen", combo, comboAr, "875mg + 125mg", "film-coated tablet", "96", "registered");
        medicine(http, officer, "Zenta Generic", "klavobactam + zentacillin", "كلافوباكتام + زنتاسيلين",
                "125 mg + 875 mg", "film-coated tablet", "104.50", "registered"); // the same, listed the other way
        // each differs in one respect: not listed
        medicine(http, officer, "Zentaclav Dearer", combo, comboAr, "875 mg + 125 mg", "film-coated tablet", "190", "registered");
        medicine(http, officer, "Zentaclav 500", combo, comboAr, "500 mg + 125 mg", "film-coated tablet", "60", "registered");
        medicine(http, officer, "Zentaclav Syrup", combo, comboAr, "875 mg + 125 mg", "suspension", "50", "registered");
        medicine(http, officer, "Zentacillin Plain", "zentacillin", "زنتاسيلين", "875 mg + 125 mg", "film-coated tablet", "30", "registered");
        medicine(http, officer, "Zenta Swapped", "klavobactam + zentacillin", "كلافوباكتام + زنتاسيلين",
                "875 mg + 125 mg", "film-coated tablet", "70", "registered"); // 875 mg of the other ingredient
        medicine(http, officer, "Zentaclav Suspended", combo, comboAr, "875 mg + 125 mg", "film-coated tablet", "40", "suspended");
        // a new official price: the history keeps both
        assertThat(http.patchAs(officer, "/api/v2/medicines/" + MEDICINES.get("Zentaclav"), "{\"priceEgp\":174}").status())
                .isEqualTo(200);

        String admin = Demo.SUPER_ADMIN.login(http);
        // name, bearing, km: inside the default 5 km except the last
        Object[][] places = {{"Price One", 0, 1.0}, {"Price Two", 90, 2.0}, {"Price Three", 180, 3.0},
                {"Price Four", 270, 3.5}, {"Price Far", 0, 8.0}};
        for (Object[] place : places) {
            double[] point = destination((int) place[1], (double) place[2]);
            PHARMACIES.put((String) place[0], PharmacyFixtures.pharmacy(http, admin, (String) place[0], point[0],
                    point[1], place[0].equals("Price Three"), ALWAYS_OPEN));
        }
        // stock written as its pharmacies would (the stock endpoint is tested on its own)
        stock("Price One", "Zentaclav", 10, "170.00");
        stock("Price Two", "Zentaclav", 0, "160.00");
        stock("Price Three", "Zentaclav", 4, "165.00");
        stock("Price Four", "Zentaclav", 9, "165.00");
        stock("Price Far", "Zentaclav", 50, "100.00");
        stock("Price One", "Klavozen", 5, "96.00");
    }

    static double[] destination(double bearing, double km) {
        double d = km / 6371.0088;
        double phi = Math.toRadians(SIWA_LAT);
        double theta = Math.toRadians(bearing);
        double phi2 = Math.asin(Math.sin(phi) * Math.cos(d) + Math.cos(phi) * Math.sin(d) * Math.cos(theta));
        double lambda2 = Math.toRadians(SIWA_LNG) + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi),
                Math.cos(d) - Math.sin(phi) * Math.sin(phi2));
        return new double[]{Math.toDegrees(phi2), Math.toDegrees(lambda2)};
    }

    static void stock(String pharmacy, String medicine, int quantity, String price) throws Exception {
        try (Connection db = APP.superuser(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO pharmacy_stock (tenant_id, medicine_id, quantity, price_egp) VALUES (?, ?, ?, ?)""")) {
            insert.setObject(1, UUID.fromString(PHARMACIES.get(pharmacy)));
            insert.setObject(2, UUID.fromString(MEDICINES.get(medicine)));
            insert.setInt(3, quantity);
            insert.setBigDecimal(4, new BigDecimal(price));
            insert.executeUpdate();
        }
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        viewer = Demo.VIEWER.login(http);
    }

    JsonNode compare(String medicine, String query) {
        Http.Response response = http.getAs(viewer, "/api/v2/prices/compare/" + MEDICINES.get(medicine) + "?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data");
    }

    static String siwa(String more) {
        return "lat=" + SIWA_LAT + "&lng=" + SIWA_LNG + more;
    }

    @Test
    void pricesInRangeWithSummaryCheapestAndOfficialHistory() {
        JsonNode answer = compare("Zentaclav", siwa(""));

        assertThat(answer.at("/medicine/tradeNameEn").asText()).isEqualTo("Zentaclav");
        assertThat(answer.get("officialPriceEgp").decimalValue()).isEqualByComparingTo("174");
        assertThat(answer.get("officialPriceHistory").findValues("priceEgp")).extracting(JsonNode::decimalValue)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("170"), new BigDecimal("174"));
        assertThat(answer.at("/area/radiusKm").asDouble()).isEqualTo(5);

        // in stock first, then cheaper, then nearer; out of range (8 km) not at all
        assertThat(answer.get("pharmacies").findValuesAsText("nameEn"))
                .containsExactly("Price Three", "Price Four", "Price One", "Price Two");
        JsonNode summary = answer.get("summary");
        assertThat(summary.get("pharmacies").asLong()).isEqualTo(4);
        assertThat(summary.get("inStock").asLong()).isEqualTo(3);
        assertThat(summary.get("minPriceEgp").decimalValue()).isEqualByComparingTo("160");
        assertThat(summary.get("maxPriceEgp").decimalValue()).isEqualByComparingTo("170");
        assertThat(summary.get("averagePriceEgp").decimalValue()).isEqualByComparingTo("165.00");
        // the cheapest in stock; Price Two is cheaper but has none
        assertThat(answer.at("/cheapest/nameEn").asText()).isEqualTo("Price Three");
        assertThat(answer.at("/cheapest/delivery").asBoolean()).isTrue();
        JsonNode two = answer.get("pharmacies").get(3);
        assertThat(two.get("inStock").asBoolean()).isFalse();
        assertThat(two.get("priceEgp").decimalValue()).isEqualByComparingTo("160");
        assertThat(two.get("distanceKm").asDouble()).isCloseTo(2.0, Offset.offset(0.0011));
        assertThat(two.get("aboveOfficialPrice").asBoolean()).isFalse();
    }

    @Test
    void offersShowPriceStockAndDistanceButNeverQuantitiesOrWhoKeepsTheStock() {
        JsonNode offer = compare("Zentaclav", siwa("")).get("pharmacies").get(0);
        List<String> fields = new ArrayList<>();
        offer.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrder("pharmacyId", "nameEn", "nameAr", "governorate", "cityEn",
                "cityAr", "latitude", "longitude", "distanceKm", "delivery", "priceEgp", "inStock", "aboveOfficialPrice");
        assertThat(offer.get("pharmacyId").asText()).isEqualTo(PHARMACIES.get("Price Three"));
    }

    @Test
    void theRadiusAndLimitDecideWhoIsListedButNotTheSummary() {
        JsonNode wide = compare("Zentaclav", siwa("&radiusKm=10&limit=2"));
        assertThat(wide.get("pharmacies").findValuesAsText("nameEn")).containsExactly("Price Far", "Price Three");
        assertThat(wide.at("/summary/pharmacies").asLong()).isEqualTo(5);
        assertThat(wide.at("/summary/minPriceEgp").decimalValue()).isEqualByComparingTo("100");
        assertThat(wide.at("/cheapest/nameEn").asText()).isEqualTo("Price Far");

        JsonNode none = compare("Zentaclav", "lat=30.0444&lng=31.2357&radiusKm=2");
        assertThat(none.get("pharmacies")).isEmpty();
        assertThat(none.at("/summary/pharmacies").asLong()).isZero();
        assertThat(none.at("/summary/minPriceEgp").isNull()).isTrue();
        assertThat(none.get("cheapest").isNull()).isTrue();
    }

    @Test
    void cheaperEquivalentsShareIngredientsStrengthAndFormAndAreRegistered() {
        JsonNode equivalents = compare("Zentaclav", siwa("")).get("cheaperEquivalents");

        assertThat(equivalents.findValuesAsText("tradeNameEn")).containsExactly("Klavozen", "Zenta Generic");
        assertThat(equivalents.get(0).get("officialPriceEgp").decimalValue()).isEqualByComparingTo("96");
        assertThat(equivalents.get(0).get("savingEgp").decimalValue()).isEqualByComparingTo("78");
        assertThat(equivalents.get(1).get("strength").asText()).isEqualTo("125 mg + 875 mg");
        // from the cheaper one, nothing is cheaper still
        assertThat(compare("Klavozen", siwa("")).get("cheaperEquivalents")).isEmpty();
        // a dearer equivalent finds all three cheaper ones
        assertThat(compare("Zentaclav Dearer", siwa("")).get("cheaperEquivalents").findValuesAsText("tradeNameEn"))
                .containsExactly("Klavozen", "Zenta Generic", "Zentaclav");
    }

    @Test
    void everySignedInUserMayCompareAndParametersAreChecked() {
        String path = "/api/v2/prices/compare/" + MEDICINES.get("Zentaclav") + "?" + siwa("");
        for (Demo account : List.of(Demo.CAIRO_DOCTOR, Demo.PHARMACIST, Demo.CAIRO_NURSE, Demo.OFFICER)) {
            assertThat(http.getAs(account.login(http), path).status()).as(account.name()).isEqualTo(200);
        }
        assertThat(http.get(path).status()).isEqualTo(401);
        String base = "/api/v2/prices/compare/" + MEDICINES.get("Zentaclav");
        assertBad(base + "?lng=25", "lat");
        assertBad(base + "?lat=29&lng=200", "lng");
        assertBad(base + "?lat=29&lng=25&radiusKm=101", "radiusKm");
        assertBad(base + "?lat=29&lng=25&limit=0", "limit");
        assertBad(base + "?lat=29&lng=25&limit=101", "limit");
        assertThat(http.getAs(viewer, "/api/v2/prices/compare/00000000-0000-0000-0000-000000000bad?" + siwa(""))
                .status()).isEqualTo(404);
    }

    void assertBad(String path, String parameter) {
        Http.Response response = http.getAs(viewer, path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(parameter);
    }
}
