package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.InvalidParameter;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchAreaTest {

    @Test
    void theBoundingBoxContainsEveryPointOfTheCircle() {
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // anywhere on Earth, poles and the antimeridian included
            double lat = random.nextDouble() * 180 - 90;
            double lng = random.nextDouble() * 360 - 180;
            double radius = 0.01 + random.nextDouble() * 100;
            var area = new SearchArea(lat, lng, radius);
            double[] point = Haversine.destination(lat, lng, random.nextDouble() * 360, radius * random.nextDouble());
            assertThat(point[0]).as("%s", area).isBetween(area.minLatitude() - 1e-9, area.maxLatitude() + 1e-9);
            assertThat(point[1]).as("%s", area).isBetween(area.minLongitude() - 1e-9, area.maxLongitude() + 1e-9);
        }
    }

    @Test
    void theBoxIsTightAwayFromThePoles() {
        var cairo = new SearchArea(30.0444, 31.2357, 5);
        // 5 km is 0.045° of latitude and, at 30° N, 0.052° of longitude
        assertThat(cairo.maxLatitude() - cairo.latitude()).isCloseTo(0.04497, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(cairo.maxLongitude() - cairo.longitude()).isCloseTo(0.05193, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void parametersAreReadStrictly() {
        var area = SearchArea.parse("30.0444", " 31.2357 ", null);
        assertThat(area.radiusKm()).isEqualTo(5);
        assertThat(SearchArea.parse("-90", "180", "100").radiusKm()).isEqualTo(100);
        assertInvalid("lat", null, "31", null);
        assertInvalid("lat", "90.0001", "31", null);
        assertInvalid("lat", "NaN", "31", null);
        assertInvalid("lat", "3e1", "31", null);
        assertInvalid("lng", "30", "-180.5", null);
        assertInvalid("lng", "30", "", null);
        assertInvalid("radiusKm", "30", "31", "0");
        assertInvalid("radiusKm", "30", "31", "-1");
        assertInvalid("radiusKm", "30", "31", "100.01");
        assertInvalid("radiusKm", "30", "31", "Infinity");
    }

    private static void assertInvalid(String parameter, String lat, String lng, String radius) {
        assertThatThrownBy(() -> SearchArea.parse(lat, lng, radius))
                .isInstanceOfSatisfying(InvalidParameter.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo(parameter));
    }
}
