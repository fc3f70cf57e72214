package ai.healthflow.platform.db;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Liquibase changelog ({@value #CHANGELOG}, one included file per feature): applies it at start, tells what is
 * pending. The same file drives the {@code db migrate|status|rollback} commands.
 */
public final class Migrations {
    public static final String CHANGELOG = "db/changelog.xml";

    private final DataSource owner;
    private final DataSource reader;
    private final Set<String> known;

    /** One data source for both: the schema owner's (tests, tools). */
    public Migrations(DataSource owner) {
        this(owner, owner);
    }

    /**
     * @param owner  connects as the schema owner: applies migrations
     * @param reader any connection that may read {@code databasechangelog} (the service's pool): state checks
     */
    public Migrations(DataSource owner, DataSource reader) {
        this.owner = owner;
        this.reader = reader;
        this.known = withLiquibase(liquibase -> {
            Set<String> ids = new HashSet<>();
            for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
                ids.add(key(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath()));
            }
            return Set.copyOf(ids);
        });
    }

    /** Applies every pending change set; returns how many were applied. */
    public int migrate() {
        return withLiquibase(liquibase -> {
            int pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
            if (pending > 0) {
                liquibase.update(new Contexts(), new LabelExpression());
            }
            return pending;
        });
    }

    /** Change sets in the changelog that the database has not recorded as applied (a cheap query, fine for /ready). */
    public MigrationState state() throws SQLException {
        try (Connection connection = reader.getConnection();
             var statement = connection.createStatement()) {
            Set<String> applied = new HashSet<>();
            String last = null;
            boolean tableExists;
            try (var exists = statement.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                exists.next();
                tableExists = exists.getBoolean(1);
            }
            if (tableExists) {
                try (var rows = statement.executeQuery(
                        "SELECT id, author, filename FROM databasechangelog ORDER BY orderexecuted")) {
                    while (rows.next()) {
                        applied.add(key(rows.getString(1), rows.getString(2), rows.getString(3)));
                        last = rows.getString(1);
                    }
                }
            }
            List<String> pending = known.stream().filter(id -> !applied.contains(id)).sorted().toList();
            return new MigrationState(known.size(), applied.size(), pending, last);
        }
    }

    private static String key(String id, String author, String file) {
        return file.replace("classpath:", "") + "::" + id + "::" + author;
    }

    private interface LiquibaseWork<T> {
        T run(Liquibase liquibase) throws LiquibaseException;
    }

    private <T> T withLiquibase(LiquibaseWork<T> work) {
        try (Connection connection = owner.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                var liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
                return work.run(liquibase);
            } finally {
                // Liquibase leaves auto-commit off; a pooled connection returned that way would silently swallow
                // the commits of the next borrower (JDBI only commits transactions it began).
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param known   change sets in the changelog
     * @param applied change sets recorded in the database
     * @param pending identifiers ({@code file::id::author}) not applied yet
     * @param lastApplied id of the most recently applied change set, or null
     */
    public record MigrationState(int known, int applied, List<String> pending, String lastApplied) {
        public boolean current() {
            return pending.isEmpty();
        }
    }
}
