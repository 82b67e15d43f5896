package org.libertymail.ejb.service;

import java.util.List;

/**
 * One run of "verify configuration": static checks of the configuration, then live probes
 * through the real listeners with a dedicated mailbox.
 *
 * @param startedAt RFC 3339
 * @param outcome the worst result of any check: "Success", "Warning" or "Failure"
 */
public record VerificationReport(long id, String startedAt, long durationMs, String outcome, List<Check> checks) {
    public static final String SUCCESS = "Success";
    public static final String WARNING = "Warning";
    public static final String FAILURE = "Failure";
    public static final String SKIPPED = "Skipped";

    /**
     * One check or probe scenario.
     *
     * @param kind "static" or "probe"
     * @param result "Success", "Warning", "Failure" or "Skipped"
     * @param detail what was found, or the error
     */
    public record Check(String name, String kind, String result, long latencyMs, String detail) {
    }

    /** The worst of the results: Failure over Warning over Success (Skipped counts as Success). */
    public static String worst(List<Check> checks) {
        if (checks.stream().anyMatch(c -> c.result().equals(FAILURE))) {
            return FAILURE;
        }
        return checks.stream().anyMatch(c -> c.result().equals(WARNING)) ? WARNING : SUCCESS;
    }
}
