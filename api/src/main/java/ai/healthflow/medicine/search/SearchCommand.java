package ai.healthflow.medicine.search;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.platform.db.DatabaseStartup;
import ai.healthflow.platform.db.Db;
import ai.healthflow.search.medicine.Synonyms;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar healthflow.jar search reindex <config>}: builds a complete new medicine index from the registry
 * in a directory of its own under {@code HEALTHFLOW_HOME/search} and points {@code CURRENT} at it. A service
 * running on the same home switches to it within a poll interval; searches are not interrupted.
 */
public final class SearchCommand extends ConfiguredCommand<HealthFlowConfiguration> {

    public SearchCommand() {
        super("search", "Search index tools: 'search reindex <config>' rebuilds the medicine index from the registry");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("reindex").help("what to do with the search index");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<HealthFlowConfiguration> bootstrap, Namespace namespace,
                       HealthFlowConfiguration config) throws Exception {
        var db = new Db(Jdbi.create(DatabaseStartup.owner(DatabaseStartup.forCommand(config))));
        try (var live = new LiveIndex(config.home().resolve("search"), Synonyms.bundled())) {
            var indexer = new SearchIndexer(db, live, () -> { });
            indexer.rebuild();
            var stats = live.stats();
            System.out.println(bootstrap.getObjectMapper().writeValueAsString(
                    java.util.Map.of("documents", stats.documents(), "sizeBytes", stats.sizeBytes(),
                            "index", live.pointer().orElse("?"))));
        }
    }
}
