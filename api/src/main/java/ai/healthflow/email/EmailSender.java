package ai.healthflow.email;

/** Delivers one message. Called by {@link EmailDispatcher} only, never in a request. */
public interface EmailSender {

    /** Returns once the mail server accepted the message. */
    void send(OutgoingEmail email) throws EmailDeliveryException;

    /**
     * False for a sender that only reports messages ({@link LoggingEmailSender}): the dispatcher then holds them,
     * pending, instead of marking them sent.
     */
    default boolean delivers() {
        return true;
    }

    /** SMTP when a host is configured, otherwise the logging stand-in. */
    static EmailSender of(EmailSettings settings) {
        return settings.smtpConfigured() ? new SmtpEmailSender(settings) : new LoggingEmailSender();
    }
}
