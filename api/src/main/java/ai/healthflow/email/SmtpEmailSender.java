package ai.healthflow.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

/** Plain-text UTF-8 mail over SMTP (Jakarta Mail / Angus Mail), one connection per message. */
public final class SmtpEmailSender implements EmailSender {
    // Bounded so a silent server cannot stall the dispatcher past its claim lease (EmailDispatcher.LEASE).
    private static final String CONNECT_TIMEOUT_MS = "10000";
    private static final String IO_TIMEOUT_MS = "30000";
    private static final Logger LOG = LoggerFactory.getLogger(SmtpEmailSender.class);

    private final EmailSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final String messageIdDomain;

    public SmtpEmailSender(EmailSettings settings) {
        if (!settings.smtpConfigured()) {
            throw new IllegalArgumentException("No SMTP host configured");
        }
        this.settings = settings;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("Invalid email from address '" + settings.from() + "': "
                    + e.getMessage(), e);
        }
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);

        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.smtpHost());
        properties.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", CONNECT_TIMEOUT_MS);
        properties.put("mail.smtp.timeout", IO_TIMEOUT_MS);
        properties.put("mail.smtp.writetimeout", IO_TIMEOUT_MS);
        properties.put("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        if (settings.startTls()) {
            // required, not merely enabled: otherwise a downgraded server would get the password in clear
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        if (settings.authenticates() && !settings.startTls()) {
            LOG.warn("SMTP login without STARTTLS: the password crosses the network in clear (SMTP_STARTTLS)");
        }
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(OutgoingEmail email) throws EmailDeliveryException {
        try {
            MimeMessage message = new MimeMessage(session) {
                // Stable per outbox row: if a message is sent twice (crash after sending, before recording it)
                // receiving systems can tell it is the same one.
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + email.id() + "@" + messageIdDomain + ">");
                }
            };
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.recipient(), true));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.bodyText(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (settings.authenticates()) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new EmailDeliveryException(describe(e), e);
        }
    }

    /**
     * One line from the exception chain: Jakarta Mail's outer messages are vague ("Invalid Addresses"); the
     * server's reply ("550 5.1.1 no such user") is in a nested exception.
     */
    static String describe(Throwable failure) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            parts.add(text.replaceAll("\\s+", " ").strip());
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(": ", parts);
    }
}
