package ai.healthflow.adverseevent;

import java.util.List;

/**
 * The workflow of a case: submitted → triaged → under_assessment → assessed → closed, one step at a time, each
 * taken by the regulator with a comment. A follow-up to an assessed case sends it back to under_assessment.
 */
public final class AdverseEventStatus {
    public static final String SUBMITTED = "submitted";
    public static final String TRIAGED = "triaged";
    public static final String UNDER_ASSESSMENT = "under_assessment";
    public static final String ASSESSED = "assessed";
    public static final String CLOSED = "closed";
    public static final List<String> ALL = List.of(SUBMITTED, TRIAGED, UNDER_ASSESSMENT, ASSESSED, CLOSED);

    private AdverseEventStatus() {
    }

    /** Whether the regulator may move a case from {@code from} to {@code to}: only to the next status. */
    public static boolean canMove(String from, String to) {
        int index = ALL.indexOf(from);
        return index >= 0 && index + 1 < ALL.size() && ALL.get(index + 1).equals(to);
    }

    /** The statuses in which a serious case no longer counts as overdue: the regulator has done its part. */
    public static boolean stopsTheClock(String status) {
        return ASSESSED.equals(status) || CLOSED.equals(status);
    }
}
