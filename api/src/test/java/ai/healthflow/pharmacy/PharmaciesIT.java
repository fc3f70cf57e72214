package ai.healthflow.pharmacy;

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

import java.util.ArrayList;
import java.util.List;

import static ai.healthflow.pharmacy.PharmacyFixtures.ALWAYS_OPEN;
import static ai.healthflow.pharmacy.PharmacyFixtures.NEVER_OPEN;
import static ai.healthflow.pharmacy.PharmacyFixtures.SIWA_LAT;
import static ai.healthflow.pharmacy.PharmacyFixtures.SIWA_LNG;
import static org.assertj.core.api.Assertions.assertThat;

/** The directory and nearby search: demo pharmacies, filters, great-circle ordering, radius edge, validation. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PharmaciesIT {
    static final TestApp.Extension APP = TestApp.create();
    /** Pharmacies around Siwa at known bearings and distances (km) from its centre, nearest first. */
    static final List<String> NAMES = List.of("Siwa North 1km", "Siwa East 2.5km", "Siwa Southwest 3.7km",
            "Siwa North 4.99km", "Siwa South 5.01km", "Siwa West 30km");
    static final double[][] PLACES = {{0, 1}, {90, 2.5}, {225, 3.7}, {0, 4.99}, {180, 5.01}, {270, 30}};
    static final List<String> IDS = new ArrayList<>();
    Http http;
    String doctor;

    @BeforeAll
    static void placePharmacies() {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        for (int i = 0; i < NAMES.size(); i++) {
            double[] point = Haversine.destination(SIWA_LAT, SIWA_LNG, PLACES[i][0], PLACES[i][1]);
            // only the 2.5 km one delivers and is open around the clock; the 1 km one is never open
            IDS.add(PharmacyFixtures.pharmacy(http, admin, NAMES.get(i), point[0], point[1], i == 1,
                    i == 1 ? ALWAYS_OPEN : i == 0 ? NEVER_OPEN : """
                            {"sat":[{"opens":"08:00","closes":"20:00"}],"mon":[{"opens":"08:00","closes":"20:00"}]}"""));
        }
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        doctor = Demo.CAIRO_DOCTOR.login(http);
    }

    JsonNode nearby(String query) {
        Http.Response response = http.getAs(doctor, "/api/v2/pharmacies/nearby?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<String> names(JsonNode answer) {
        return answer.get("data").findValuesAsText("nameEn");
    }

    static String siwa(String more) {
        return "lat=" + SIWA_LAT + "&lng=" + SIWA_LNG + more;
    }

    @Test
    void nearbyIsOrderedByGreatCircleDistanceWithinTheRadius() {
        JsonNode answer = nearby(siwa(""));

        assertThat(names(answer)).containsExactly(NAMES.subList(0, 4).toArray(String[]::new));
        assertThat(answer.at("/meta/total").asLong()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(answer.get("data").get(i).get("distanceKm").asDouble()).as(NAMES.get(i))
                    .isCloseTo(PLACES[i][1], Offset.offset(0.0011));
        }
        JsonNode first = answer.get("data").get(0);
        assertThat(first.get("id").asText()).isEqualTo(IDS.getFirst());
        assertThat(first.get("governorate").asText()).isEqualTo("Matrouh");
        assertThat(first.get("cityAr").asText()).isEqualTo("سيوة");
        assertThat(first.get("nameAr").asText()).isEqualTo("صيدلية Siwa North 1km");
    }

    @Test
    void theRadiusEdgeIsInclusiveAndExact() {
        // 4.99 km in, 5.01 km out at the default 5 km; both in at 5.02 km
        assertThat(names(nearby(siwa("&radiusKm=5")))).contains("Siwa North 4.99km").doesNotContain("Siwa South 5.01km");
        assertThat(names(nearby(siwa("&radiusKm=5.02")))).endsWith("Siwa North 4.99km", "Siwa South 5.01km");
        assertThat(names(nearby(siwa("&radiusKm=0.99")))).isEmpty();
        assertThat(names(nearby(siwa("&radiusKm=100")))).containsExactly(NAMES.toArray(String[]::new));
        assertThat(nearby(siwa("&radiusKm=100")).get("data").get(5).get("distanceKm").asDouble())
                .isCloseTo(30, Offset.offset(0.0011));
    }

    @Test
    void distancesMatchKnownCoordinates() {
        // Tahrir Square to the demo pharmacies in Cairo (Downtown) and Giza (Al Haram Street)
        JsonNode answer = nearby("lat=30.0444&lng=31.2357&radiusKm=15");

        assertThat(names(answer)).containsExactly("El-Shifa Pharmacy", "El-Haram Pharmacy");
        assertThat(answer.get("data").get(0).get("distanceKm").asDouble())
                .isCloseTo(Haversine.km(30.0444, 31.2357, 30.0478, 31.2394), Offset.offset(0.0006))
                .isCloseTo(0.52, Offset.offset(0.01));
        assertThat(answer.get("data").get(1).get("distanceKm").asDouble())
                .isCloseTo(Haversine.km(30.0444, 31.2357, 29.9937, 31.1654), Offset.offset(0.0006))
                .isCloseTo(8.8, Offset.offset(0.1));
        // one degree of latitude along a meridian is 111.195 km on the mean-radius sphere
        assertThat(nearby("lat=" + (SIWA_LAT - 0.27) + "&lng=" + SIWA_LNG + "&radiusKm=31")
                .get("data").get(0).get("distanceKm").asDouble())
                .isCloseTo(0.27 * 111.19508 - 5.01, Offset.offset(0.002));
    }

    @Test
    void nearbyFiltersOnDeliveryAndOpeningHours() {
        assertThat(names(nearby(siwa("&delivery=true")))).containsExactly("Siwa East 2.5km");
        assertThat(names(nearby(siwa("&delivery=false")))).doesNotContain("Siwa East 2.5km").hasSize(3);
        // whatever the time: the 24-hour pharmacy is open, the one without hours never is
        assertThat(names(nearby(siwa("&openNow=true")))).contains("Siwa East 2.5km").doesNotContain("Siwa North 1km");
        JsonNode all = nearby(siwa("&openNow=false"));
        assertThat(names(all)).hasSize(4);
        assertThat(all.get("data").get(0).get("openNow").asBoolean()).isFalse();
        assertThat(all.get("data").get(1).get("openNow").asBoolean()).isTrue();
        assertThat(all.get("data").get(1).at("/openingHours/open24h").asBoolean()).isTrue();
    }

    @Test
    void nearbyPagesDoNotOverlap() {
        JsonNode second = nearby(siwa("&size=2&page=2"));
        assertThat(names(second)).containsExactly("Siwa Southwest 3.7km", "Siwa North 4.99km");
        assertThat(second.at("/meta/total").asLong()).isEqualTo(4);
        assertThat(second.at("/meta/totalPages").asLong()).isEqualTo(2);
        JsonNode beyond = nearby(siwa("&size=2&page=5"));
        assertThat(names(beyond)).isEmpty();
        assertThat(beyond.at("/meta/total").asLong()).isEqualTo(4);
    }

    @Test
    void badNearbyParametersAre400NamingTheParameter() {
        assertBadParameter("lng=31", "lat");
        assertBadParameter("lat=91&lng=31", "lat");
        assertBadParameter("lat=-90.5&lng=31", "lat");
        assertBadParameter("lat=abc&lng=31", "lat");
        assertBadParameter("lat=30", "lng");
        assertBadParameter("lat=30&lng=180.01", "lng");
        assertBadParameter("lat=30&lng=31&radiusKm=0", "radiusKm");
        assertBadParameter("lat=30&lng=31&radiusKm=-2", "radiusKm");
        assertBadParameter("lat=30&lng=31&radiusKm=100.5", "radiusKm");
        assertBadParameter("lat=30&lng=31&radiusKm=NaN", "radiusKm");
        assertBadParameter("lat=30&lng=31&delivery=yes", "delivery");
        assertBadParameter("lat=30&lng=31&openNow=1", "openNow");
        assertBadParameter("lat=30&lng=31&size=101", "size");
        assertThat(http.get("/api/v2/pharmacies/nearby?lat=30&lng=31").status()).isEqualTo(401);
    }

    void assertBadParameter(String query, String parameter) {
        Http.Response response = http.getAs(doctor, "/api/v2/pharmacies/nearby?" + query);
        assertThat(response.status()).as(query).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/invalid-parameter");
        assertThat(response.json().at("/errors/0/field").asText()).as(query).isEqualTo(parameter);
    }

    @Test
    void theDirectoryListsTheDemoPharmaciesWithFilters() {
        JsonNode all = http.getAs(doctor, "/api/v2/pharmacies?size=100").json();
        assertThat(names(all)).contains("El-Shifa Pharmacy", "El-Haram Pharmacy", "El-Nour Pharmacy",
                "Karnak Pharmacy", "Corniche Pharmacy");
        assertThat(all.at("/meta/total").asLong()).isEqualTo(5 + NAMES.size());

        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?governorate=Giza").json())).containsExactly("El-Haram Pharmacy");
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?governorate=Dakahlia&city=mansoura").json()))
                .containsExactly("El-Nour Pharmacy");
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?city=%D8%A7%D9%84%D8%A3%D9%82%D8%B5%D8%B1").json()))
                .containsExactly("Karnak Pharmacy"); // الأقصر
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?q=stanley").json())).containsExactly("Corniche Pharmacy");
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?q=%25").json())).isEmpty(); // a literal %
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?delivery=true&governorate=Cairo").json()))
                .containsExactly("El-Shifa Pharmacy");
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?openNow=true&size=100").json()))
                .contains("El-Shifa Pharmacy", "Corniche Pharmacy", "Siwa East 2.5km").doesNotContain("Siwa North 1km");
        assertThat(names(http.getAs(doctor, "/api/v2/pharmacies?sort=rating,desc&size=3").json()))
                .containsExactly("El-Shifa Pharmacy", "Corniche Pharmacy", "El-Haram Pharmacy");
        assertThat(http.getAs(doctor, "/api/v2/pharmacies?governorate=Atlantis").status()).isEqualTo(400);
        assertThat(http.getAs(doctor, "/api/v2/pharmacies?sort=phone").status()).isEqualTo(400);
    }

    @Test
    void oneProfileHasHoursAndOpenNow() {
        String shifa = names(nearby("lat=30.0478&lng=31.2394&radiusKm=1")).getFirst();
        assertThat(shifa).isEqualTo("El-Shifa Pharmacy");
        String id = nearby("lat=30.0478&lng=31.2394&radiusKm=1").at("/data/0/id").asText();

        JsonNode pharmacy = http.getAs(Demo.VIEWER.login(http), "/api/v2/pharmacies/" + id).json().get("data");

        assertThat(pharmacy.get("type").asText()).isEqualTo("pharmacy");
        assertThat(pharmacy.get("addressAr").asText()).contains("قصر النيل");
        assertThat(pharmacy.get("rating").decimalValue()).isEqualByComparingTo("4.6");
        assertThat(pharmacy.get("delivery").asBoolean()).isTrue();
        assertThat(pharmacy.get("openNow").asBoolean()).isTrue();
        assertThat(pharmacy.has("distanceKm")).isFalse();
        assertThat(pharmacy.at("/openingHours/fri").isArray()).isTrue();
        assertThat(http.getAs(doctor, "/api/v2/pharmacies/00000000-0000-0000-0000-00000000abcd").status()).isEqualTo(404);
    }
}
