package ai.healthflow.notification;

import io.dropwizard.lifecycle.Managed;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Holds one PostgreSQL connection outside the pool, LISTENing on {@code hf_notifications}, and wakes the hub for
 * each user named. Every replica listens, so a notification committed through any of them reaches streams open on
 * all of them. A lost connection is reopened after a second, and then every stream reads once, since wake-ups
 * sent meanwhile are gone.
 */
public final class NotificationListener implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

    /** Opens a new connection to the service's database. */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final NotificationHub hub;
    private volatile boolean running;
    private Thread thread;

    public NotificationListener(ConnectionSource connections, NotificationHub hub) {
        this.connections = connections;
        this.hub = hub;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("notification-listener").daemon().start(this::run);
    }

    private void run() {
        boolean reconnected = false;
        while (running) {
            try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN hf_notifications");
                if (reconnected) {
                    hub.wakeAll();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            hub.wake(UUID.fromString(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Notification listener lost its database connection; retrying in 1 s: {}", e.getMessage());
                reconnected = true;
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2_000);
        }
    }
}
