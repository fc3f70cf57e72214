package ai.healthflow.pharmacy;

import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Open now" at fixed moments, through the service's real SQL, over the demo pharmacies: El-Shifa and Corniche
 * (24 hours), El-Haram (09:00-02:00, Friday 13:00-02:00), El-Nour (09:00-23:00, Friday 14:00-23:00) and Karnak
 * (08:00-14:00 and 17:00-23:00, closed on Friday). The application runs on the system clock; this builds the
 * service on the same database with a fixed one.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PharmacyOpenNowIT {
    static final TestApp.Extension APP = TestApp.create();
    static final PageRequest ALL = new PageRequest(1, 100, null);

    static final Db DB = new Db(Jdbi.create(() -> {
        Connection connection = APP.superuser();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE healthflow_app"); // as the service runs: row-level security applies
        }
        return connection;
    }));

    /** Reading needs no audit log. */
    static PharmacyService at(Instant instant) {
        return new PharmacyService(DB, null, Clock.fixed(instant, ZoneOffset.UTC));
    }

    static List<String> openAt(String instant) {
        return at(Instant.parse(instant)).list(null, null, null, true, null, ALL).items().stream()
                .map(PharmacyView::nameEn).toList();
    }

    @Test
    void fridayNoonOnlyTheAllNightPharmaciesAreOpen() {
        // 2026-11-20 is a Friday; 10:00 UTC is 12:00 in Cairo (winter time, UTC+2)
        assertThat(openAt("2026-11-20T10:00:00Z")).containsExactly("Corniche Pharmacy", "El-Shifa Pharmacy");
    }

    @Test
    void hoursPastMidnightBelongToThePreviousDay() {
        // Friday 01:30: El-Haram's Thursday hours run until 02:00
        assertThat(openAt("2026-11-19T23:30:00Z"))
                .containsExactly("Corniche Pharmacy", "El-Haram Pharmacy", "El-Shifa Pharmacy");
        // Saturday 01:59 still Friday's 13:00-02:00; at 02:00 closed
        assertThat(openAt("2026-11-20T23:59:00Z")).contains("El-Haram Pharmacy");
        assertThat(openAt("2026-11-21T00:00:00Z")).containsExactly("Corniche Pharmacy", "El-Shifa Pharmacy");
    }

    @Test
    void aSplitShiftIsClosedInItsBreak() {
        // Wednesday 15:00: Karnak closes 14:00-17:00
        assertThat(openAt("2026-11-18T13:00:00Z")).containsExactly("Corniche Pharmacy", "El-Haram Pharmacy",
                "El-Nour Pharmacy", "El-Shifa Pharmacy");
        assertThat(openAt("2026-11-18T15:00:00Z")).contains("Karnak Pharmacy"); // 17:00
    }

    @Test
    void summerTimeMovesTheCairoClock() {
        // 05:45 UTC is 08:45 in Cairo in July (UTC+3): Karnak has opened; in November (UTC+2) it is 07:45
        assertThat(openAt("2026-07-01T05:45:00Z")).containsExactly("Corniche Pharmacy", "El-Shifa Pharmacy",
                "Karnak Pharmacy");
        assertThat(openAt("2026-11-25T05:45:00Z")).containsExactly("Corniche Pharmacy", "El-Shifa Pharmacy");
    }

    @Test
    void nearbyFiltersWithTheSameClock() {
        // from Giza, Friday noon: El-Haram is closed, El-Shifa (8.8 km) is open
        var area = new SearchArea(29.9937, 31.1654, 20);
        assertThat(at(Instant.parse("2026-11-20T10:00:00Z")).nearby(area, null, true, ALL).items())
                .extracting(PharmacyView::nameEn).containsExactly("El-Shifa Pharmacy");
        assertThat(at(Instant.parse("2026-11-20T12:00:00Z")).nearby(area, null, true, ALL).items())
                .extracting(PharmacyView::nameEn).containsExactly("El-Haram Pharmacy", "El-Shifa Pharmacy");
    }

    @Test
    void theSqlFilterAndEachAnswersOpenNowAgreeAllWeek() {
        Instant start = Instant.parse("2026-11-16T00:00:00Z");
        for (int step = 0; step < 7 * 48; step++) {
            Instant instant = start.plus(Duration.ofMinutes(30L * step + 7));
            PharmacyService service = at(instant);
            List<String> filtered = service.list(null, null, null, true, null, ALL).items().stream()
                    .map(PharmacyView::nameEn).toList();
            List<String> flagged = service.list(null, null, null, false, null, ALL).items().stream()
                    .filter(PharmacyView::openNow).map(PharmacyView::nameEn).toList();
            assertThat(filtered).as("%s", instant).isEqualTo(flagged).contains("El-Shifa Pharmacy");
        }
    }
}
