package ai.healthflow.email;

import ai.healthflow.platform.db.Db;
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
        Db.dao(handle, EmailOutboxDao.class).insert(UUID.randomUUID(), recipient, subject, bodyText);
    }

    /**
     * Queues one email to every active user with one of {@code roles} in every active tenant of
     * {@code tenantTypes}, in one statement (national fan-outs reach thousands of people). Needs a handle that
     * sees every tenant.
     *
     * @return how many emails were queued
     */
    public int enqueueForMembers(Handle handle, java.util.Set<String> tenantTypes, java.util.Set<String> roles,
                                 String subject, String bodyText) {
        Objects.requireNonNull(bodyText, "bodyText");
        if (subject == null || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Email subject must be one line");
        }
        return handle.createUpdate("""
                        INSERT INTO email_outbox (recipient, subject, body_text)
                        SELECT DISTINCT u.email, :subject, :body
                          FROM memberships m
                          JOIN tenants t ON t.id = m.tenant_id AND t.status = 'active'
                          JOIN users u ON u.id = m.user_id AND u.status = 'active'
                         WHERE t.type = ANY(:types) AND m.role = ANY(:roles)
                        """)
                .bind("subject", subject)
                .bind("body", bodyText)
                .bindArray("types", String.class, tenantTypes)
                .bindArray("roles", String.class, roles)
                .execute();
    }
}
