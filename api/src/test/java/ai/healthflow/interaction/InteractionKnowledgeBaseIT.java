package ai.healthflow.interaction;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.testing.TestApp;
import ai.healthflow.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled knowledge base is loaded at every start: once, idempotently, and never over the regulator's rows. */
class InteractionKnowledgeBaseIT {
    static final String SNAPSHOT = """
            SELECT md5(coalesce((SELECT string_agg(concat_ws('|', ingredient_a, ingredient_b, severity, description_en,
                                 description_ar, management_en, management_ar, source, origin, updated_at), ';'
                                 ORDER BY ingredient_a, ingredient_b) FROM drug_interactions), '')
                    || coalesce((SELECT string_agg(concat_ws('|', code, name_en, name_ar, allergy_relevant, updated_at), ';'
                                 ORDER BY code) FROM drug_classes), '')
                    || coalesce((SELECT string_agg(class_code || '|' || ingredient, ';' ORDER BY class_code, ingredient)
                                 FROM drug_class_members), '')
                    || coalesce((SELECT string_agg(concat_ws('|', class_code, other_class_code, other_ingredient, severity,
                                 description_en, priority, updated_at), ';' ORDER BY class_code, priority)
                                 FROM drug_class_interactions), ''))
            """;
    static final String LOADS = "SELECT count(*) FROM audit_log WHERE action = 'interaction.knowledge_loaded'";

    @Test
    void aRestartChangesNothingRestoresBundledRowsAndKeepsTheRegulatorsOwn() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();

        run(db);
        assertThat(count(db, "SELECT count(*) FROM drug_interactions")).isEqualTo(340);
        assertThat(count(db, "SELECT count(*) FROM drug_classes")).isEqualTo(52);
        assertThat(count(db, "SELECT count(*) FROM drug_class_members")).isEqualTo(246);
        assertThat(count(db, "SELECT count(*) FROM drug_class_interactions")).isGreaterThanOrEqualTo(20);
        assertThat(count(db, LOADS)).isEqualTo(1);
        String loaded = text(db, SNAPSHOT);

        run(db);
        assertThat(text(db, SNAPSHOT)).as("no row and no updated_at changed").isEqualTo(loaded);
        assertThat(count(db, LOADS)).as("an unchanged load is not audited").isEqualTo(1);

        // an older release's text, a pair a newer release dropped, the regulator's change and the regulator's own pair
        execute(db, """
                UPDATE drug_interactions SET severity = 'minor', description_en = 'Outdated.'
                 WHERE ingredient_a = 'ibuprofen' AND ingredient_b = 'warfarin';
                INSERT INTO drug_interactions (ingredient_a, ingredient_b, severity, description_en, description_ar,
                                               management_en, management_ar, source, origin)
                VALUES ('aaa-dropped', 'warfarin', 'minor', 'Dropped.', 'محذوف', 'None.', 'لا شيء', 'BNF', 'bundled'),
                       ('ivermectin', 'warfarin', 'moderate', 'Regulator.', 'الهيئة', 'Monitor.', 'راقب', 'EDA', 'import');
                UPDATE drug_interactions SET severity = 'contraindicated', description_en = 'Regulator says no.', origin = 'import'
                 WHERE ingredient_a = 'acetylsalicylic acid' AND ingredient_b = 'warfarin';
                DELETE FROM drug_class_members WHERE class_code = 'NSAIDS' AND ingredient = 'diclofenac';
                UPDATE drug_class_interactions SET severity = 'minor' WHERE class_code = 'NSAIDS' AND other_class_code = 'NSAIDS';
                """);

        run(db);
        assertThat(text(db, "SELECT severity || '|' || description_en FROM drug_interactions "
                + "WHERE ingredient_a = 'ibuprofen' AND ingredient_b = 'warfarin'")).startsWith("major|Ibuprofen");
        assertThat(count(db, "SELECT count(*) FROM drug_interactions WHERE ingredient_a = 'aaa-dropped'")).isZero();
        assertThat(text(db, "SELECT description_en FROM drug_interactions WHERE ingredient_a = 'ivermectin'"))
                .isEqualTo("Regulator.");
        assertThat(text(db, "SELECT severity || '|' || description_en FROM drug_interactions "
                + "WHERE ingredient_a = 'acetylsalicylic acid' AND ingredient_b = 'warfarin'"))
                .isEqualTo("contraindicated|Regulator says no.");
        assertThat(count(db, "SELECT count(*) FROM drug_class_members WHERE class_code = 'NSAIDS' AND ingredient = 'diclofenac'"))
                .isEqualTo(1);
        assertThat(text(db, "SELECT severity FROM drug_class_interactions WHERE class_code = 'NSAIDS' AND other_class_code = 'NSAIDS'"))
                .isEqualTo("major");
        assertThat(count(db, LOADS)).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM audit_log WHERE action = 'interaction.knowledge_loaded' "
                + "AND changes LIKE '%\"drug_interactions\":{\"created\":0,\"removed\":1,\"updated\":1}%'")).isEqualTo(1);
    }

    private static void run(TestPostgres.Database db) throws Exception {
        var app = new DropwizardTestSupport<HealthFlowConfiguration>(HealthFlowApplication.class,
                TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", TestApp.tempHome().toString()),
                ConfigOverride.config("database.dataSource.url", db.url()),
                ConfigOverride.config("database.dataSource.user", db.user()),
                ConfigOverride.config("database.dataSource.password", db.password() == null ? "" : db.password()));
        app.before();
        app.after();
    }

    private static long count(TestPostgres.Database db, String sql) throws SQLException {
        return Long.parseLong(text(db, sql));
    }

    private static String text(TestPostgres.Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); var rows = c.createStatement().executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static void execute(TestPostgres.Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
