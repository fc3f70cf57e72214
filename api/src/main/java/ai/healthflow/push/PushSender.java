package ai.healthflow.push;

/** Sends one push. Called by {@link PushDispatcher} only, never in a request. */
public interface PushSender {

    /** Never throws for a provider or network failure: it is a {@link PushResult}. */
    PushResult send(PushMessage message);

    /**
     * False for the stand-in used while push delivery is disabled: the dispatcher then holds pushes, pending,
     * instead of sending them.
     */
    default boolean delivers() {
        return true;
    }

    /** FCM when push is enabled, otherwise the stand-in that sends nothing. */
    static PushSender of(PushSettings settings) {
        return settings.enabled() ? new FcmClient(settings) : DISABLED;
    }

    PushSender DISABLED = new PushSender() {
        @Override
        public PushResult send(PushMessage message) {
            throw new IllegalStateException("push delivery is disabled");
        }

        @Override
        public boolean delivers() {
            return false;
        }
    };
}
