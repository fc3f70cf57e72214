package ai.healthflow.invitation;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationIT {
    static final TestApp.Extension APP = TestApp.create();
    static final Pattern LINK = Pattern.compile("https://portal\\.healthflow\\.test/invitations/accept\\?token=([\\w-]+)");
    Http http;
    String cairoAdmin;

    @BeforeEach
    void setUp() {
        http = APP.http();
        cairoAdmin = Demo.CAIRO_ADMIN.login(http);
    }

    Http.Response invite(String token, String email, String role) {
        return http.postAs(token, "/api/v2/invitations", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
    }

    Http.Response accept(String token, String name, String password) {
        return http.postJson("/api/v2/invitations/" + token + "/accept",
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
    }

    /** The token travels only in the email: read it from the outbox, as the invitee would from their inbox. */
    String tokenSentTo(String email) throws SQLException {
        try (Connection c = APP.superuser(); var query = c.prepareStatement(
                "SELECT subject, body_text FROM email_outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT 1")) {
            query.setString(1, email);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("an email to " + email).isTrue();
                assertThat(rows.getString(1)).contains("HealthFlow").contains("هيلث فلو");
                Matcher link = LINK.matcher(rows.getString(2));
                assertThat(link.find()).as(rows.getString(2)).isTrue();
                assertThat(rows.getString(2)).contains("Cairo General Hospital", "مستشفى القاهرة العام");
                return link.group(1);
            }
        }
    }

    @Test
    void invitedNurseAcceptsOnceAndSignsIn() throws SQLException {
        Http.Response created = invite(cairoAdmin, "new.nurse@cairo.example", "nurse");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/api/v2/invitations/" + created.json().at("/data/id").asText());
        JsonNode invitation = created.json().get("data");
        assertThat(invitation.get("status").asText()).isEqualTo("pending");
        assertThat(invitation.get("tenantName").asText()).isEqualTo("Cairo General Hospital");
        assertThat(created.body()).doesNotContain("token");
        String token = tokenSentTo("new.nurse@cairo.example");

        Http.Response accepted = accept(token, "Mariam Adel", "a long and unusual passphrase");

        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().at("/data/role").asText()).isEqualTo("nurse");
        JsonNode session = http.session("new.nurse@cairo.example", "a long and unusual passphrase");
        assertThat(session.at("/user/tenant/name").asText()).isEqualTo("Cairo General Hospital");
        assertThat(session.at("/user/roles/0").asText()).isEqualTo("nurse");

        Http.Response again = accept(token, "Someone Else", "another long passphrase");
        assertThat(again.status()).isEqualTo(410);
        assertThat(http.getAs(cairoAdmin, "/api/v2/invitations").json().at("/data/0/status").asText())
                .isEqualTo("accepted");
    }

    @Test
    void weakPasswordsAreRefusedWithFieldErrorsAndTheInvitationStaysUsable() throws SQLException {
        invite(cairoAdmin, "weak@cairo.example", "doctor");
        String token = tokenSentTo("weak@cairo.example");

        Http.Response tooShort = accept(token, "Weak", "short");
        Http.Response common = accept(token, "Weak", "password123");
        Http.Response containsEmail = accept(token, "Weak", "weak@cairo.example-2026");

        for (Http.Response response : new Http.Response[]{tooShort, common, containsEmail}) {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("password");
        }
        assertThat(accept(token, "Weak No More", "correct horse battery staple").status()).isEqualTo(201);
    }

    @Test
    void expiredInvitationIsGone() throws SQLException {
        invite(cairoAdmin, "late@cairo.example", "viewer");
        String token = tokenSentTo("late@cairo.example");
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("UPDATE invitations SET expires_at = now() - interval '1 minute' "
                    + "WHERE email = 'late@cairo.example'");
        }

        Http.Response response = accept(token, "Late", "a long and unusual passphrase");

        assertThat(response.status()).isEqualTo(410);
        assertThat(response.json().get("detail").asText()).contains("expired");
    }

    @Test
    void unknownTokenIsNotFound() {
        assertThat(accept("no-such-token", "X", "a long and unusual passphrase").status()).isEqualTo(404);
    }

    @Test
    void aTenantAdminCannotInviteAboveTheirRankOrIntoAnotherTenant() {
        String alexTenant = http.session(Demo.ALEX_DOCTOR.email, Demo.ALEX_DOCTOR.password).at("/user/tenant/id").asText();

        assertThat(invite(cairoAdmin, "boss@cairo.example", "super_admin").status()).isEqualTo(403);
        assertThat(invite(cairoAdmin, "officer2@cairo.example", "eda_officer").status()).isEqualTo(403);
        assertThat(http.postAs(cairoAdmin, "/api/v2/invitations", "{\"email\":\"x@alex.example\",\"role\":\"doctor\","
                + "\"tenantId\":\"" + alexTenant + "\"}").status()).isEqualTo(403);
        assertThat(invite(Demo.CAIRO_DOCTOR.login(http), "friend@cairo.example", "doctor").status()).isEqualTo(403);
    }

    @Test
    void invalidInvitationsAreExplained() {
        assertThat(invite(cairoAdmin, "not-an-email", "doctor").status()).isEqualTo(422);
        assertThat(invite(cairoAdmin, "someone@cairo.example", "wizard").json().at("/errors/0/field").asText())
                .isEqualTo("role");
        assertThat(invite(cairoAdmin, Demo.CAIRO_NURSE.email, "doctor").status()).as("already has an account")
                .isEqualTo(409);
    }
}
