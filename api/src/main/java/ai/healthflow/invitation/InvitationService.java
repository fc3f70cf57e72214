package ai.healthflow.invitation;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.email.EmailOutbox;
import ai.healthflow.identity.IdentityDao;
import ai.healthflow.identity.PasswordHasher;
import ai.healthflow.identity.PasswordPolicy;
import ai.healthflow.identity.RoleNotGrantable;
import ai.healthflow.identity.RoleView;
import ai.healthflow.identity.SecretTokens;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.tenant.TenantDao;
import ai.healthflow.tenant.TenantView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Invitations: created by a tenant admin (or the super admin for any tenant), delivered by email through the
 * outbox in the same transaction, accepted once before they expire.
 */
public final class InvitationService {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Db db;
    private final EmailOutbox outbox;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration ttl;
    private final String portalUrl;

    public InvitationService(Db db, EmailOutbox outbox, PasswordHasher hasher, PasswordPolicy policy, AuditLog audit,
                             Clock clock, Duration ttl, String portalUrl) {
        this.db = db;
        this.outbox = outbox;
        this.hasher = hasher;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.ttl = ttl;
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }

    public InvitationView create(Actor actor, CreateInvitationRequest request) {
        Caller caller = actor.caller();
        boolean global = caller.can("users:write");
        if (request.tenantId() != null && !global && !request.tenantId().equals(caller.tenantId())) {
            throw new CannotInviteIntoTenant();
        }
        UUID tenantId = request.tenantId() != null ? request.tenantId() : caller.tenantId();
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        return db.scoped(caller.tenantId(), global, handle -> {
            TenantView tenant = Db.dao(handle, TenantDao.class).find(tenantId)
                    .orElseThrow(() -> new ValidationFailed("tenantId", "no such tenant"));
            IdentityDao users = Db.dao(handle, IdentityDao.class);
            RoleView role = users.role(request.role()).orElseThrow(() -> new ValidationFailed("role", "unknown role"));
            if (role.level() < caller.roleLevel()) {
                throw new RoleNotGrantable("You cannot invite with the role '" + role.name() + "', which ranks above yours.");
            }
            if (users.findUserByEmail(email).isPresent()) {
                throw new EmailAlreadyRegistered();
            }
            String token = SecretTokens.generate();
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            Instant expiresAt = now.plus(ttl);
            InvitationDao invitations = Db.dao(handle, InvitationDao.class);
            invitations.insert(id, tenantId, email, role.name(), SecretTokens.hash(token), caller.userId(), now, expiresAt);
            try {
                outbox.enqueue(handle, email, "Invitation to HealthFlow – دعوة إلى هيلث فلو",
                        body(tenant, role.name(), token, expiresAt));
            } catch (IllegalArgumentException e) {
                throw new ValidationFailed("email", "must be a deliverable email address");
            }
            audit.record(handle, actor, AuditEvent.of("invitation.created", "invitation", id, tenantId)
                    .withChanges(Map.of("email", email, "role", role.name())));
            return invitations.find(id, now).orElseThrow();
        });
    }

    /** @throws InvitationNotFound also for another tenant's invitation */
    public InvitationView get(Caller caller, UUID id) {
        return db.scoped(caller.tenantId(), caller.can("users:read"),
                handle -> Db.dao(handle, InvitationDao.class).find(id, clock.instant()))
                .orElseThrow(InvitationNotFound::new);
    }

    public Page<InvitationView> list(Caller caller, PageRequest page) {
        return db.scoped(caller.tenantId(), caller.can("users:read"), handle -> {
            InvitationDao invitations = Db.dao(handle, InvitationDao.class);
            return new Page<>(invitations.list(clock.instant(), page.size(), page.offset()), page, invitations.count());
        });
    }

    /**
     * @throws InvitationNotFound      unknown token
     * @throws InvitationNoLongerValid used or expired
     * @throws ValidationFailed        the password breaks the policy
     * @throws EmailAlreadyRegistered  an account with the invited email exists
     */
    public AcceptedInvitation accept(String token, AcceptInvitationRequest request, Actor actor) {
        return db.acrossTenants(handle -> {
            Instant now = clock.instant();
            InvitationView invitation = Db.dao(handle, InvitationDao.class)
                    .findByTokenForUpdate(SecretTokens.hash(token), now).orElseThrow(InvitationNotFound::new);
            if (invitation.acceptedAt() != null) {
                throw new InvitationNoLongerValid("has been used");
            }
            if (!invitation.expiresAt().isAfter(now)) {
                throw new InvitationNoLongerValid("has expired");
            }
            List<FieldError> weak = policy.check("password", request.password(), invitation.email());
            if (!weak.isEmpty()) {
                throw new ValidationFailed(weak);
            }
            IdentityDao users = Db.dao(handle, IdentityDao.class);
            UUID userId = users.insertUser(UUID.randomUUID(), invitation.email(), request.name().strip(),
                    hasher.hash(request.password())).orElseThrow(EmailAlreadyRegistered::new);
            users.insertMembership(userId, invitation.tenantId(), invitation.role());
            Db.dao(handle, InvitationDao.class).markAccepted(invitation.id(), userId, now);
            // the actor is still anonymous here: the records name the account being created
            audit.record(handle, actor, AuditEvent.of("invitation.accepted", "invitation", invitation.id(),
                    invitation.tenantId()).withChanges(Map.of("email", invitation.email())));
            audit.record(handle, actor, AuditEvent.of("user.created", "user", userId, invitation.tenantId())
                    .withChanges(Map.of("email", invitation.email(), "role", invitation.role(), "via", "invitation")));
            return new AcceptedInvitation(userId, invitation.email(), request.name().strip(), invitation.tenantId(),
                    invitation.tenantName(), invitation.role());
        });
    }

    private String body(TenantView tenant, String role, String token, Instant expiresAt) {
        String link = portalUrl + "/invitations/accept?token=" + token;
        String expiry = EXPIRY.format(expiresAt.atOffset(java.time.ZoneOffset.UTC));
        return """
                You have been invited to join %s on HealthFlow as %s.

                Accept the invitation and choose your password here:
                %s

                The link can be used once and expires on %s.

                ---

                تمت دعوتك للانضمام إلى %s على منصة هيلث فلو.
                لقبول الدعوة واختيار كلمة المرور افتح الرابط التالي:
                %s

                يمكن استخدام الرابط مرة واحدة فقط، وتنتهي صلاحيته في %s.
                """.formatted(tenant.nameEn(), role, link, expiry, tenant.nameAr(), link, expiry);
    }
}
