package ai.healthflow.pharmacy;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nearby search over 3 000 synthetic pharmacies agrees with a brute-force great-circle scan in Java: the same
 * pharmacies, in the same order, with the same distances, for random points and radii across Egypt. This is what
 * shows that the bounding-box prefilter never drops a pharmacy inside the circle.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PharmacyNearbyBruteForceIT {
    static final TestApp.Extension APP = TestApp.create();
    static final List<double[]> ALL = new ArrayList<>();
    static final List<String> IDS = new ArrayList<>();

    @BeforeAll
    static void manyPharmacies() throws Exception {
        try (Connection owner = APP.superuser()) {
            SyntheticPharmacies.insert(owner, "Synthetic", 3_000, 0, 11);
            var rows = owner.createStatement().executeQuery("""
                    SELECT p.tenant_id, p.latitude, p.longitude FROM pharmacies p JOIN tenants t ON t.id = p.tenant_id
                     WHERE t.status = 'active'""");
            while (rows.next()) {
                IDS.add(rows.getString(1));
                ALL.add(new double[]{rows.getDouble(2), rows.getDouble(3)});
            }
        }
        assertThat(IDS).hasSizeGreaterThanOrEqualTo(3_000);
    }

    @Test
    void nearbyMatchesABruteForceScan() {
        Http http = APP.http();
        String token = Demo.VIEWER.login(http);
        var random = new Random(5);
        int nonEmpty = 0;
        for (int query = 0; query < 60; query++) {
            SyntheticPharmacies.Governorate g = SyntheticPharmacies.GOVERNORATES.get(
                    random.nextInt(SyntheticPharmacies.GOVERNORATES.size()));
            double lat = g.lat() + random.nextGaussian() * 0.1;
            double lng = g.lng() + random.nextGaussian() * 0.1;
            double radius = query % 10 == 0 ? 100 : 0.5 + random.nextDouble() * 20;

            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < ALL.size(); i++) {
                if (Haversine.km(lat, lng, ALL.get(i)[0], ALL.get(i)[1]) <= radius) {
                    expected.add(i);
                }
            }
            expected.sort(Comparator.comparingDouble(i -> Haversine.km(lat, lng, ALL.get(i)[0], ALL.get(i)[1])));

            JsonNode answer = http.getAs(token, "/api/v2/pharmacies/nearby?lat=%s&lng=%s&radiusKm=%s&size=100"
                    .formatted(lat, lng, radius)).json();
            String what = "lat=%s lng=%s radius=%s".formatted(lat, lng, radius);
            assertThat(answer.at("/meta/total").asLong()).as(what).isEqualTo(expected.size());
            List<String> ids = answer.get("data").findValuesAsText("id");
            assertThat(ids).as(what).isEqualTo(expected.stream().limit(100).map(IDS::get).toList());
            for (int k = 0; k < ids.size(); k++) {
                double[] p = ALL.get(expected.get(k));
                assertThat(answer.get("data").get(k).get("distanceKm").asDouble()).as(what)
                        .isCloseTo(Haversine.km(lat, lng, p[0], p[1]), org.assertj.core.data.Offset.offset(0.0006));
            }
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("the points were not all in the desert").isGreaterThan(40);
    }
}
