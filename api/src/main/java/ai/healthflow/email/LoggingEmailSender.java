package ai.healthflow.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for SMTP when no host is configured (dev): reports each message once and sends nothing. The dispatcher
 * keeps the message pending (held) so it goes out once an SMTP server is configured; see {@link EmailDispatcher}.
 */
public final class LoggingEmailSender implements EmailSender {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingEmailSender.class);

    @Override
    public void send(OutgoingEmail email) {
        // never the body: it may hold an invitation or reset token
        LOG.info("Email held, no SMTP server configured (SMTP_HOST): id={} to={} subject={}",
                email.id(), email.recipient(), email.subject());
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
