package ai.healthflow.jobs;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.platform.db.DatabaseStartup;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar healthflow.jar batch run <job> [key=value…] [config.yml]} for cron and Kubernetes CronJobs: runs
 * the job to its end in this process (resuming an unfinished run with the same parameters), prints the run as JSON
 * and exits non-zero unless it completed. {@code batch list [config.yml]} names the jobs. Without a configuration
 * file, {@code HEALTHFLOW_CONFIG} names it, else {@code config/production.yml}.
 */
public final class BatchCommand extends ConfiguredCommand<HealthFlowConfiguration> {

    public BatchCommand() {
        super("batch", "Batch jobs: 'batch run <job> [key=value ...] [config]' runs one to its end; 'batch list [config]'");
    }

    @Override
    public void configure(Subparser subparser) {
        // no super.configure: the config file is one of the trailing words (the one ending in .yml), so
        // "batch run analytics-daily from=2026-11-01" works without one (HEALTHFLOW_CONFIG, else config/production.yml)
        subparser.addArgument("action").choices("run", "list").help("run a job, or list the jobs");
        subparser.addArgument("job").nargs("?").help("the job to run (batch list names them)");
        subparser.addArgument("words").nargs("*").metavar("key=value|config.yml")
                .help("the job's parameters, and optionally the configuration file");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        List<String> words = new ArrayList<>();
        String job = namespace.getString("job");
        if (job != null && isConfigFile(job)) { // "batch list config/dev.yml"
            words.add(job);
            namespace.getAttrs().put("job", null);
        }
        List<?> rest = namespace.getList("words");
        if (rest != null) {
            rest.forEach(w -> words.add(String.valueOf(w)));
        }
        String file = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                parameters.put(word.substring(0, eq), word.substring(eq + 1));
            } else if (isConfigFile(word) && file == null) {
                file = word;
            } else {
                throw new IllegalArgumentException("'" + word + "' is neither key=value nor a configuration file (.yml)");
            }
        }
        if (file == null) {
            String fromEnvironment = System.getenv("HEALTHFLOW_CONFIG");
            file = fromEnvironment == null || fromEnvironment.isBlank() ? "config/production.yml" : fromEnvironment;
        }
        namespace.getAttrs().put("file", file);
        namespace.getAttrs().put(PARAMETERS, parameters);
        super.run(bootstrap, namespace);
    }

    private static final String PARAMETERS = "healthflow.batch.parameters";

    private static boolean isConfigFile(String word) {
        return !word.contains("=") && (word.endsWith(".yml") || word.endsWith(".yaml"));
    }

    @Override
    protected void run(Bootstrap<HealthFlowConfiguration> bootstrap, Namespace namespace,
                       HealthFlowConfiguration config) throws Exception {
        var json = bootstrap.getObjectMapper();
        var pool = BatchRuntime.pool(DatabaseStartup.forCommand(config), config.batch().poolSize())
                .build(new MetricRegistry(), "batch");
        pool.start();
        try (var engine = new BatchEngine(pool, Clock.systemUTC(), config.home().resolve("batch"),
                config.batch().engineSettings(BatchRuntime.owner()), BatchJobCatalog.definitions(pool, config))) {
            if (namespace.getString("action").equals("list")) {
                for (JobDefinition definition : engine.definitions()) {
                    System.out.println(definition.name() + "\t" + definition.description());
                }
                return;
            }
            String job = namespace.getString("job");
            if (job == null) {
                throw new IllegalArgumentException("batch run needs a job name; jobs: "
                        + engine.definitions().stream().map(JobDefinition::name).toList());
            }
            JobRun run;
            try {
                run = engine.runToEnd(job, parameters(namespace));
            } catch (InvalidJobParameters e) {
                throw new IllegalArgumentException("Wrong parameters for " + job + ": " + e.getMessage());
            }
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(run));
            if (!run.status().equals("COMPLETED")) {
                throw new IllegalStateException("Batch job " + job + " ended " + run.status()
                        + (run.errors().isEmpty() ? "" : ": " + String.join("; ", run.errors())));
            }
        } finally {
            pool.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parameters(Namespace namespace) {
        return (Map<String, String>) namespace.getAttrs().get(PARAMETERS);
    }
}
