package ai.healthflow.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jdbi.v3.core.Handle;

import java.util.Objects;
import java.util.UUID;

/**
 * Queues an email. Call it inside the transaction of the change the email is about: the row is written on the
 * caller's handle, so a rollback drops the email too, and a commit guarantees it will be delivered (or marked
 * failed) by {@link EmailDispatcher}, even if the service stops right after.
 */
public final class EmailOutbox {

    /**
     * @throws IllegalArgumentException for a recipient that is not one email address, or a subject with a line
     *                                  break (header injection); both are the caller's bug, so fail its transaction
     */
    public void enqueue(Handle handle, String recipient, String subject, String bodyText) {
        Objects.requireNonNull(bodyText, "bodyText");
        if (subject == null || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Email subject must be one line");
        }
        try {
            new InternetAddress(Objects.requireNonNull(recipient, "recipient"), true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not an email address: " + recipient, e);
        }
        handle.attach(EmailOutboxDao.class).insert(UUID.randomUUID(), recipient, subject, bodyText);
    }
}
