package ai.healthflow.audit;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.platform.db.DatabaseStartup;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar healthflow.jar audit verify <config>}: recomputes the audit hash chain, prints
 * {@code {"valid", "checked", "firstBrokenId"}} and exits non-zero when it is broken, for cron and monitoring.
 */
public final class AuditCommand extends ConfiguredCommand<HealthFlowConfiguration> {

    public AuditCommand() {
        super("audit", "Audit trail tools: 'audit verify <config>' checks the hash chain");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("verify").help("what to do with the audit trail");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<HealthFlowConfiguration> bootstrap, Namespace namespace,
                       HealthFlowConfiguration config) throws Exception {
        // as the schema owner: row-level security does not apply, every tenant's records are read
        var dataSource = DatabaseStartup.owner(DatabaseStartup.forCommand(config));
        var verifier = new AuditVerifier(new AuditChain(config.security().auditKey()));
        AuditVerifier.Result result = Jdbi.create(dataSource).inTransaction(verifier::verify);
        System.out.println(bootstrap.getObjectMapper().writeValueAsString(result));
        if (!result.valid()) {
            throw new IllegalStateException("The audit chain is broken at record " + result.firstBrokenId());
        }
    }
}
