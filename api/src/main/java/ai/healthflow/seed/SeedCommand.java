package ai.healthflow.seed;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.pharmacy.PharmacyFileInvalid;
import ai.healthflow.platform.config.ProductionPolicy;
import ai.healthflow.platform.db.DatabaseStartup;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.Migrations;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * {@code java -jar healthflow.jar seed --production [--migrate] [--pharmacies file.csv] [config.yml]}: loads what a
 * production database needs to be used ({@link ProductionSeed}), idempotently, and prints one line per step. Without
 * a configuration file, {@code HEALTHFLOW_CONFIG} names it, else {@code config/production.yml}. Exits non-zero with
 * a one-paragraph reason (a bad pharmacies file lists each line) and no stack trace.
 */
public final class SeedCommand extends ConfiguredCommand<HealthFlowConfiguration> {
    static final String WITHOUT_PRODUCTION = """
            seed loads production reference data only, and needs --production to say so:
              java -jar healthflow.jar seed --production [--migrate] [--pharmacies file.csv] [config.yml]
            It never creates demo accounts. Demo data (accounts, registry, pharmacies) is loaded by the service itself \
            at start when bootstrap.demoData is true: config/dev.yml (./healthflow run) sets it, production sets it \
            from HEALTHFLOW_DEMO_DATA (default false, and refused as true).""";

    public SeedCommand() {
        super("seed", "Production reference data: 'seed --production [--migrate] [--pharmacies file.csv] [config]' "
                + "verifies roles, creates the first super admin, loads the interaction knowledge base and a "
                + "pharmacy directory; idempotent, never demo users");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--production").action(Arguments.storeTrue())
                .help("seed production reference data (required: demo data comes from the dev configuration)");
        subparser.addArgument("--migrate").action(Arguments.storeTrue())
                .help("apply pending database migrations first (otherwise pending migrations stop the seed)");
        subparser.addArgument("--pharmacies").metavar("FILE")
                .help("a pharmacy directory CSV to import (columns: docs/operations.md, Production seed)");
        super.configure(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if (!Boolean.TRUE.equals(namespace.getBoolean("production"))) {
            throw new SeedFailed(WITHOUT_PRODUCTION);
        }
        if (namespace.getString("file") == null) {
            String fromEnvironment = System.getenv("HEALTHFLOW_CONFIG");
            namespace.getAttrs().put("file", fromEnvironment == null || fromEnvironment.isBlank()
                    ? "config/production.yml" : fromEnvironment);
        }
        super.run(bootstrap, namespace);
    }

    @Override
    protected void run(Bootstrap<HealthFlowConfiguration> bootstrap, Namespace namespace,
                       HealthFlowConfiguration config) throws Exception {
        List<String> violations = ProductionPolicy.violations(config);
        if (!violations.isEmpty()) {
            throw new SeedFailed("Refusing to seed with an unsafe production configuration:\n  - "
                    + String.join("\n  - ", violations));
        }
        // as the schema owner, like the other commands: migrations, and every tenant's rows
        var factory = DatabaseStartup.forCommand(config);
        var owner = DatabaseStartup.owner(factory);
        Migrations migrations;
        try {
            migrations = new Migrations(owner);
        } catch (IllegalStateException e) {
            throw new SeedFailed("Cannot use the database at " + factory.getUrl().replaceAll("\\?.*", "") + ": "
                    + (e.getCause() instanceof SQLException sql ? sql.getMessage() : e.getMessage()));
        }
        Clock clock = Clock.systemUTC();
        // SQL objects as the service has them (JdbiFactory installs the same plugin); no pool: one step at a time
        var seed = new ProductionSeed(migrations, new Db(Jdbi.create(owner).installPlugin(new SqlObjectPlugin())),
                new AuditLog(new AuditChain(config.security().auditKey()), clock), clock, System.out);
        String pharmacies = namespace.getString("pharmacies");
        String url = factory.getUrl();
        System.out.println("seed --production: " + (url.contains("?") ? url.substring(0, url.indexOf('?')) : url));
        seed.run(config.bootstrap().adminEmail(), config.bootstrap().adminPassword(),
                Boolean.TRUE.equals(namespace.getBoolean("migrate")), pharmacies == null ? null : Path.of(pharmacies));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof SeedFailed || e instanceof PharmacyFileInvalid) {
            cli.getStdErr().println("seed failed: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
