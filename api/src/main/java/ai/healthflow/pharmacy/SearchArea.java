package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.InvalidParameter;
import org.jdbi.v3.core.statement.SqlStatement;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A circle on the map: centre and radius in km, read from {@code lat}, {@code lng} and {@code radiusKm}.
 *
 * <p>{@link #WITHIN} is the SQL test for "pharmacy {@code p} lies inside": a bounding box on the indexed
 * {@code latitude}/{@code longitude} columns (a btree range scan) narrows the candidates, then the exact
 * great-circle distance ({@code hf_distance_km}, haversine) decides. The box is conservative (it contains the whole
 * circle), so it never drops a pharmacy the distance would keep.
 */
public record SearchArea(double latitude, double longitude, double radiusKm) {
    public static final double DEFAULT_RADIUS_KM = 5;
    public static final double MAX_RADIUS_KM = 100;
    /** Mean Earth radius (IUGG), the one {@code hf_distance_km} uses. */
    public static final double EARTH_RADIUS_KM = 6371.0088;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,4}(\\.[0-9]{1,17})?");

    /** The exact distance from the centre to pharmacy {@code p}, in km. */
    public static final String DISTANCE = "hf_distance_km(:lat, :lng, p.latitude, p.longitude)";
    public static final String WITHIN = """
            p.latitude BETWEEN :minLat AND :maxLat AND p.longitude BETWEEN :minLng AND :maxLng
            AND hf_distance_km(:lat, :lng, p.latitude, p.longitude) <= :radiusKm""";

    /**
     * @throws InvalidParameter (400) naming {@code lat}, {@code lng} or {@code radiusKm}: missing centre, not a
     *                          decimal number, latitude outside −90..90, longitude outside −180..180, radius not
     *                          in (0, 100] km (default 5)
     */
    public static SearchArea parse(String lat, String lng, String radiusKm) {
        double latitude = required("lat", lat);
        if (latitude < -90 || latitude > 90) {
            throw new InvalidParameter("lat", "must be a latitude from -90 to 90");
        }
        double longitude = required("lng", lng);
        if (longitude < -180 || longitude > 180) {
            throw new InvalidParameter("lng", "must be a longitude from -180 to 180");
        }
        double radius = radiusKm == null || radiusKm.isBlank() ? DEFAULT_RADIUS_KM : number("radiusKm", radiusKm);
        if (radius <= 0 || radius > MAX_RADIUS_KM) {
            throw new InvalidParameter("radiusKm", "must be more than 0 and at most " + (int) MAX_RADIUS_KM + " (km)");
        }
        return new SearchArea(latitude, longitude, radius);
    }

    private static double required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameter(name, "is required");
        }
        return number(name, value);
    }

    private static double number(String name, String value) {
        String text = value.strip();
        // a plain decimal only: Double.parseDouble would also take NaN, Infinity, exponents and hex
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidParameter(name, "must be a decimal number such as 30.0444");
        }
        return new BigDecimal(text).doubleValue();
    }

    public double minLatitude() {
        return Math.max(-90, latitude - angularRadiusDegrees());
    }

    public double maxLatitude() {
        return Math.min(90, latitude + angularRadiusDegrees());
    }

    /** Half the width of the box in degrees of longitude, or 180 when the circle reaches a pole. */
    double longitudeSpan() {
        double angular = radiusKm / EARTH_RADIUS_KM;
        double polar = Math.toRadians(90 - Math.abs(latitude));
        if (angular >= polar) {
            return 180;
        }
        // the circle's widest point is not on the centre's parallel: asin(sin r / cos φ) (J. Matuschek)
        return Math.toDegrees(Math.asin(Math.sin(angular) / Math.cos(Math.toRadians(latitude))));
    }

    public double minLongitude() {
        double min = longitude - longitudeSpan();
        // across the antimeridian the box would need two ranges: search every longitude instead (still exact)
        return min < -180 || longitude + longitudeSpan() > 180 ? -180 : min;
    }

    public double maxLongitude() {
        double max = longitude + longitudeSpan();
        return max > 180 || longitude - longitudeSpan() < -180 ? 180 : max;
    }

    private double angularRadiusDegrees() {
        return Math.toDegrees(radiusKm / EARTH_RADIUS_KM);
    }

    /** Binds the parameters {@link #WITHIN} and {@link #DISTANCE} use. */
    public <S extends SqlStatement<S>> S bind(S statement) {
        return statement.bind("lat", latitude).bind("lng", longitude).bind("radiusKm", radiusKm)
                .bind("minLat", minLatitude()).bind("maxLat", maxLatitude())
                .bind("minLng", minLongitude()).bind("maxLng", maxLongitude());
    }
}
