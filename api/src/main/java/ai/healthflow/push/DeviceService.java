package ai.healthflow.push;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The devices users register for push: each belongs to one user in one tenant (the session that registered it),
 * and each token to one device. Every change is audited; removing a device fails the pushes still waiting for it.
 */
public final class DeviceService {
    /** A user's newest devices kept; registering one more removes the least recently seen (bounds the fan-out). */
    static final int MAX_DEVICES_PER_USER = 10;

    private final Db db;
    private final AuditLog audit;

    public DeviceService(Db db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** The outcome of a registration: the device, and whether it is new to the caller. */
    public record Registration(DeviceView device, boolean created) {
    }

    /**
     * Registers the token for the caller. The same token again from the same user and tenant updates that device;
     * a token registered by someone else moves to the caller (the app was signed into another account), which
     * removes the other user's device and fails its waiting pushes, so nothing of theirs reaches the new user.
     */
    public Registration register(Actor actor, RegisterDeviceRequest request) {
        Caller caller = actor.caller();
        // Across tenants: a token is unique over every tenant, and moving it touches the previous owner's row.
        // Every statement below names the row it works on.
        return db.acrossTenants(handle -> {
            DeviceDao devices = Db.dao(handle, DeviceDao.class);
            // two rounds at most: a concurrent registration of the same token can win the insert once
            for (int round = 0; ; round++) {
                Optional<DeviceRow> existing = devices.lockByToken(request.token());
                if (existing.isPresent() && existing.get().ownedBy(caller.userId(), caller.tenantId())) {
                    return new Registration(update(handle, actor, existing.get(), request), false);
                }
                existing.ifPresent(other -> remove(handle, actor, other, "registered by another user"));
                Optional<DeviceRow> created = devices.insertIfAbsent(caller.tenantId(), caller.userId(),
                        request.platform(), request.token(), request.language() != null ? request.language() : "en");
                if (created.isPresent()) {
                    DeviceRow device = created.get();
                    audit.record(handle, actor, AuditEvent.of("device.registered", "device", device.id(),
                            device.tenantId()).withChanges(Changes.created(device.auditFields())));
                    for (DeviceRow old : devices.beyondNewest(caller.userId(), caller.tenantId(), MAX_DEVICES_PER_USER)) {
                        remove(handle, actor, old, "device limit (" + MAX_DEVICES_PER_USER + ") reached");
                    }
                    return new Registration(device.view(), true);
                }
                if (round > 0) {
                    throw new IllegalStateException("device token kept changing owner during registration");
                }
            }
        });
    }

    private DeviceView update(Handle handle, Actor actor, DeviceRow before, RegisterDeviceRequest request) {
        DeviceRow after = Db.dao(handle, DeviceDao.class).touch(before.id(), request.platform(),
                request.language() != null ? request.language() : before.language());
        Map<String, Object> changes = Changes.between(before.auditFields(), after.auditFields());
        if (!changes.isEmpty()) { // an app re-registers at every start: only real changes are audited
            audit.record(handle, actor, AuditEvent.of("device.updated", "device", after.id(), after.tenantId())
                    .withChanges(changes));
        }
        return after.view();
    }

    /** The caller's devices in the caller's tenant, most recently seen first. */
    public List<DeviceView> list(Caller caller) {
        return db.inTenant(caller.tenantId(), handle -> Db.dao(handle, DeviceDao.class)
                .listOwn(caller.userId(), caller.tenantId()).stream().map(DeviceRow::view).toList());
    }

    /** @throws DeviceNotFound unless the device is the caller's own */
    public void unregister(Actor actor, UUID id) {
        Caller caller = actor.caller();
        db.inTenant(caller.tenantId(), handle -> {
            DeviceRow device = Db.dao(handle, DeviceDao.class).findOwn(id, caller.userId(), caller.tenantId())
                    .orElseThrow(DeviceNotFound::new);
            remove(handle, actor, device, "unregistered by its user");
            return null;
        });
    }

    /**
     * The push provider says the token is no longer valid: the device is removed and its waiting pushes failed
     * with the provider's reason. Nothing happens when the device is already gone.
     */
    void removeRejected(UUID deviceId, String reason) {
        db.acrossTenants(handle -> {
            DeviceDao devices = Db.dao(handle, DeviceDao.class);
            devices.failPending(deviceId, reason);
            devices.delete(deviceId).ifPresent(device -> audit.record(handle, Actor.system("push-dispatcher"),
                    AuditEvent.of("device.removed", "device", device.id(), device.tenantId())
                            .withChanges(Map.of("reason", reason, "userId", device.userId().toString()))));
            return null;
        });
    }

    private void remove(Handle handle, Actor actor, DeviceRow device, String reason) {
        DeviceDao devices = Db.dao(handle, DeviceDao.class);
        devices.failPending(device.id(), "device removed: " + reason);
        devices.delete(device.id());
        audit.record(handle, actor, AuditEvent.of("device.removed", "device", device.id(), device.tenantId())
                .withChanges(Map.of("reason", reason, "userId", device.userId().toString())));
    }
}
