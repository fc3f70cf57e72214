package ai.healthflow.email;

import ai.healthflow.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.Connection;

/**
 * A fresh test database with the email changelog applied. Applied here because db/changelog.xml may not include
 * it yet; once it does, the change set is already recorded and this update does nothing.
 */
final class EmailTestDatabase {
    static final String CHANGELOG = "db/changelog/email.xml";

    private EmailTestDatabase() {
    }

    static TestPostgres.Database create() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        try (Connection connection = db.connect()) {
            liquibase(connection).update(new Contexts(), new LabelExpression());
        }
        return db;
    }

    static Liquibase liquibase(Connection connection) throws Exception {
        return new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(),
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection)));
    }

    static Jdbi jdbi(TestPostgres.Database db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }
}
