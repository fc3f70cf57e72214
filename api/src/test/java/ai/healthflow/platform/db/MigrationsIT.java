package ai.healthflow.platform.db;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.testing.TestApp;
import ai.healthflow.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsIT {

    @Test
    void everyChangeSetRollsBackAndForwardAgain() throws Exception {
        TestPostgres.Database db = TestPostgres.emptyDatabase();
        var migrations = new Migrations(db.dataSource());

        int applied = migrations.migrate();
        assertThat(applied).isPositive();
        assertThat(migrations.state().current()).isTrue();
        assertThat(tables(db)).contains("users", "tenants", "roles", "memberships", "batch_job_execution");

        try (Connection connection = db.connect()) {
            var liquibase = new Liquibase(Migrations.CHANGELOG, new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection)));
            liquibase.rollback(applied, (String) null);
        }
        assertThat(tables(db)).containsOnly("databasechangelog", "databasechangeloglock");
        assertThat(migrations.state().pending()).hasSize(applied);

        assertThat(migrations.migrate()).isEqualTo(applied);
        assertThat(migrations.state().current()).isTrue();
        assertThat(migrations.migrate()).as("nothing left to apply").isZero();
    }

    @Test
    void serviceRefusesToStartWithPendingMigrationsUnlessAllowedToApplyThem() {
        TestPostgres.Database db = TestPostgres.emptyDatabase();
        var app = new DropwizardTestSupport<HealthFlowConfiguration>(HealthFlowApplication.class,
                TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", TestApp.tempHome().toString()),
                ConfigOverride.config("database.migrateOnStart", "false"),
                ConfigOverride.config("database.dataSource.url", db.url()),
                ConfigOverride.config("database.dataSource.user", db.user()),
                ConfigOverride.config("database.dataSource.password", db.password() == null ? "" : db.password()));

        assertThatThrownBy(app::before).hasStackTraceContaining("migration(s) pending")
                .hasStackTraceContaining("db migrate");
    }

    private static List<String> tables(TestPostgres.Database db) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = db.connect();
             var rows = connection.createStatement().executeQuery(
                     "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
