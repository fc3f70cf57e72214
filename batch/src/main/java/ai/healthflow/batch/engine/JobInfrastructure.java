package ai.healthflow.batch.engine;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every job is built from: the JDBC job repository and transaction manager over the service's PostgreSQL, the
 * data source itself (jobs talk to the tables with JDBC), the one clock, a bounded executor for partitioned steps
 * (one thread per core), and the directory under HEALTHFLOW_HOME where jobs may write files.
 */
public record JobInfrastructure(JobRepository repository, PlatformTransactionManager transactionManager,
                                DataSource dataSource, Clock clock, TaskExecutor partitionExecutor, int partitions,
                                Path workDirectory) {
}
