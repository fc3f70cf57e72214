package ai.healthflow.adverseevent;

import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.auth.RequestMeta;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.testing.TestPostgres;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The regulatory clock with a clock the test controls: the service on a migrated database, running as the
 * application role (row-level security applies), with tenant, users and medicine inserted directly.
 */
class AdverseEventClockIT {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static final UUID TENANT = UUID.randomUUID();
    static final UUID REPORTER = UUID.randomUUID();
    static final UUID OFFICER = UUID.randomUUID();
    static final UUID MEDICINE = UUID.randomUUID();
    static TestPostgres.Database database;
    static DataSource pool;
    static MutableClock clock;
    static AdverseEventService service;

    @BeforeAll
    static void start() throws SQLException {
        database = TestPostgres.freshDatabase();
        try (Connection c = database.connect(); var s = c.createStatement()) {
            s.execute("INSERT INTO tenants (id, type, name_en, name_ar) VALUES ('" + TENANT + "', 'hospital', 'Clock Hospital', 'مستشفى الساعة')");
            s.execute("INSERT INTO users (id, email, display_name, password_hash) VALUES ('" + REPORTER
                    + "', 'reporter@clock.test', 'Dr. Rana Clock', 'x'), ('" + OFFICER + "', 'officer@clock.test', 'Officer Clock', 'x')");
            s.execute("INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,"
                    + " dosage_form, route, manufacturer) VALUES ('" + MEDICINE + "', 'CLK-1', 'Voltaren', 'فولتارين',"
                    + " 'diclofenac', 'ديكلوفيناك', 'tablet', 'oral', 'Novartis')");
            s.execute("INSERT INTO ingredients (id, name_en) VALUES (gen_random_uuid(), 'diclofenac')");
            s.execute("INSERT INTO medicine_ingredients (medicine_id, ingredient_id, position) SELECT '" + MEDICINE
                    + "', id, 0 FROM ingredients WHERE name_en = 'diclofenac'");
        }
        pool = new DataSource();
        pool.setUrl(database.url());
        pool.setUsername(database.user());
        pool.setPassword(database.password() == null ? "" : database.password());
        pool.setInitSQL("SET ROLE healthflow_app"); // as the service runs: row-level security applies
        clock = new MutableClock(T0);
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        service = new AdverseEventService(new Db(jdbi),
                new AuditLog(new AuditChain("clock-test-audit-key-0123456789abcdefghij"), clock), clock);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static Actor reporter() {
        return new Actor(new Caller(REPORTER, "reporter@clock.test", "Dr. Rana Clock", TENANT, "Clock Hospital",
                "doctor", 3, Set.of("adverse_events:write"), UUID.randomUUID(), T0.plusSeconds(900)),
                RequestMeta.system("test"));
    }

    static Actor officer() {
        return new Actor(new Caller(OFFICER, "officer@clock.test", "Officer Clock", TENANT, "Clock Hospital",
                "eda_officer", 1, Set.of("adverse_events:read", "adverse_events:assess"), UUID.randomUUID(),
                T0.plusSeconds(900)), RequestMeta.system("test"));
    }

    static AdverseEventRequest report(boolean serious, String initials) {
        return new AdverseEventRequest(
                new AdverseEventRequest.Patient(initials, 61, null, null, "male", null),
                List.of(new AdverseEventRequest.Medicine(MEDICINE, null, "50 mg", "oral", LocalDate.parse("2026-02-20"),
                        null, "dose_not_changed")),
                List.of(),
                List.of(new AdverseEventRequest.Reaction("Gastrointestinal haemorrhage", "10017955",
                        LocalDate.parse("2026-02-27"), "recovering")),
                new AdverseEventRequest.Seriousness(serious, serious ? List.of("hospitalisation") : List.of()),
                null);
    }

    static List<UUID> overdue() {
        var filter = new AdverseEventFilter(MEDICINE, null, null, null, null, null, null, null, true);
        return service.list(officer().caller(), filter, PageRequest.parse(null, "100", null)).items().stream()
                .map(AdverseEventSummary::id).toList();
    }

    @Test
    void aSeriousReportIsDueFifteenCalendarDaysAfterReceiptAndOverdueUntilAssessed() {
        clock.set(T0);
        AdverseEventView serious = service.submit(reporter(), report(true, "GI"));
        AdverseEventView mild = service.submit(reporter(), report(false, "GJ"));

        assertThat(serious.dueAt()).isEqualTo(Instant.parse("2026-03-16T08:00:00Z"));
        assertThat(mild.dueAt()).isNull();

        clock.set(Instant.parse("2026-03-16T07:59:59Z"));
        assertThat(overdue()).doesNotContain(serious.id());
        assertThat(service.get(officer(), serious.id()).overdue()).isFalse();

        clock.set(Instant.parse("2026-03-16T08:00:01Z"));
        assertThat(overdue()).contains(serious.id()).doesNotContain(mild.id());
        assertThat(service.get(officer(), serious.id()).overdue()).isTrue();

        // triage and assessment under way do not stop the clock; an assessment does
        service.transition(officer(), serious.id(), new TransitionRequest("triaged", "valid case"));
        service.transition(officer(), serious.id(), new TransitionRequest("under_assessment", "assessing"));
        assertThat(overdue()).contains(serious.id());
        service.assessCausality(officer(), serious.id(), new CausalityRequest(MEDICINE, "probable", 6, null));
        service.transition(officer(), serious.id(), new TransitionRequest("assessed", "probable NSAID bleed"));
        assertThat(overdue()).doesNotContain(serious.id());
        assertThat(service.get(officer(), serious.id()).overdue()).isFalse();
    }

    @Test
    void aCaseThatBecomesSeriousStartsItsClockWhenThatInformationArrives() {
        clock.set(T0);
        AdverseEventView mild = service.submit(reporter(), report(false, "HK"));
        Instant followUpAt = T0.plus(Duration.ofDays(10));
        clock.set(followUpAt);

        AdverseEventView serious = service.followUp(reporter(), mild.id(), report(true, "HK"));

        assertThat(serious.version()).isEqualTo(2);
        assertThat(serious.dueAt()).isEqualTo(followUpAt.plus(Duration.ofDays(15)));
        clock.set(T0.plus(Duration.ofDays(20)));
        assertThat(overdue()).doesNotContain(mild.id());
        clock.set(followUpAt.plus(Duration.ofDays(15)).plusSeconds(1));
        assertThat(overdue()).contains(mild.id());
    }

    @Test
    void datesLaterThanTodayInEgyptAreRefused() {
        // 23:30 UTC on 1 March is already 2 March in Cairo
        clock.set(Instant.parse("2026-03-01T23:30:00Z"));
        AdverseEventRequest tomorrowInCairo = new AdverseEventRequest(
                new AdverseEventRequest.Patient("LM", null, null, null, null, null),
                List.of(new AdverseEventRequest.Medicine(MEDICINE, null, null, null, null, null, null)), List.of(),
                List.of(new AdverseEventRequest.Reaction("Dizziness", null, LocalDate.parse("2026-03-02"), null)),
                new AdverseEventRequest.Seriousness(false, List.of()), null);
        AdverseEventRequest dayAfter = new AdverseEventRequest(tomorrowInCairo.patient(),
                tomorrowInCairo.suspectMedicines(), List.of(),
                List.of(new AdverseEventRequest.Reaction("Dizziness", null, LocalDate.parse("2026-03-03"), null)),
                tomorrowInCairo.seriousness(), null);

        assertThat(service.submit(reporter(), tomorrowInCairo).reactions().getFirst().onsetDate())
                .isEqualTo(LocalDate.parse("2026-03-02"));
        assertThatThrownBy(() -> service.submit(reporter(), dayAfter)).isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((ValidationFailed) e).errors().getFirst().field())
                        .isEqualTo("reactions[0].onsetDate"));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return outer.withZone(other);
                }

                @Override
                public Instant instant() {
                    return outer.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
