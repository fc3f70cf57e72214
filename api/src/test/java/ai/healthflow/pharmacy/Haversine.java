package ai.healthflow.pharmacy;

/** An independent great-circle distance for tests (the service's is SQL). */
final class Haversine {
    private Haversine() {
    }

    static double km(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * SearchArea.EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** The point {@code km} away from (lat, lng) on the initial bearing {@code bearingDegrees} (0 = north). */
    static double[] destination(double lat, double lng, double bearingDegrees, double km) {
        double d = km / SearchArea.EARTH_RADIUS_KM;
        double phi = Math.toRadians(lat);
        double theta = Math.toRadians(bearingDegrees);
        double phi2 = Math.asin(Math.sin(phi) * Math.cos(d) + Math.cos(phi) * Math.sin(d) * Math.cos(theta));
        double lambda2 = Math.toRadians(lng) + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi),
                Math.cos(d) - Math.sin(phi) * Math.sin(phi2));
        double lng2 = (Math.toDegrees(lambda2) + 540) % 360 - 180;
        return new double[]{Math.toDegrees(phi2), lng2};
    }
}
