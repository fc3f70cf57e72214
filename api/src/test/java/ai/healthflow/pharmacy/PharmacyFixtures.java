package ai.healthflow.pharmacy;

import ai.healthflow.identity.PasswordHasher;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared setup for the pharmacy and price tests: PUT requests, pharmacies at given places, extra accounts. */
public final class PharmacyFixtures {
    /** Siwa Oasis: far from every demo pharmacy, so nearby answers there hold only what a test placed. */
    public static final double SIWA_LAT = 29.2032;
    public static final double SIWA_LNG = 25.5195;
    public static final String ALWAYS_OPEN = "{\"open24h\":true}";
    public static final String NEVER_OPEN = "{\"open24h\":false}";

    private PharmacyFixtures() {
    }

    public static Http.Response put(Http http, String token, String path, String json) {
        return http.send(http.request(path, "Authorization", Http.bearer(token), "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static String profile(double lat, double lng, boolean delivery, String hours) {
        return """
                {"addressEn":"1 Test Street","addressAr":"١ شارع الاختبار","cityEn":"Siwa","cityAr":"سيوة",
                 "governorate":"Matrouh","latitude":%s,"longitude":%s,"phone":"+20 46 460 1234","delivery":%s,
                 "openingHours":%s}
                """.formatted(Double.toString(lat), Double.toString(lng), delivery, hours);
    }

    /** A new pharmacy tenant with a profile, created by the super admin; returns its id. */
    public static String pharmacy(Http http, String superAdmin, String name, double lat, double lng, boolean delivery,
                                  String hours) {
        Http.Response tenant = http.postAs(superAdmin, "/api/v2/tenants", """
                {"type":"pharmacy","nameEn":"%s","nameAr":"صيدلية %s","governorate":"Matrouh"}
                """.formatted(name, name));
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        String id = tenant.json().at("/data/id").asText();
        Http.Response saved = put(http, superAdmin, "/api/v2/pharmacies/" + id, profile(lat, lng, delivery, hours));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        return id;
    }

    /** An account with {@code role} in the tenant, written straight into the database; returns its token. */
    public static String account(TestApp.Extension app, Http http, String tenantId, String role) throws SQLException {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@pharmacy.test";
        String password = "Pharmacy-Test-" + UUID.randomUUID();
        try (Connection db = app.superuser();
             PreparedStatement user = db.prepareStatement(
                     "INSERT INTO users (email, display_name, password_hash) VALUES (?, ?, ?) RETURNING id");
             PreparedStatement membership = db.prepareStatement(
                     "INSERT INTO memberships (user_id, tenant_id, role) VALUES (?, ?, ?)")) {
            user.setString(1, email);
            user.setString(2, role.toUpperCase(Locale.ROOT) + " test");
            user.setString(3, new PasswordHasher().hash(password));
            var rows = user.executeQuery();
            rows.next();
            membership.setObject(1, rows.getObject(1, UUID.class));
            membership.setObject(2, UUID.fromString(tenantId));
            membership.setString(3, role);
            membership.executeUpdate();
        }
        return http.login(email, password);
    }

    /** The id of a tenant by English name. */
    public static String tenantId(TestApp.Extension app, String nameEn) throws SQLException {
        try (Connection db = app.superuser();
             PreparedStatement query = db.prepareStatement("SELECT id FROM tenants WHERE name_en = ?")) {
            query.setString(1, nameEn);
            var rows = query.executeQuery();
            assertThat(rows.next()).as(nameEn).isTrue();
            return rows.getString(1);
        }
    }
}
