package dev.teller.server.complaint;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a ticket is in its workflow, and where it may go from there (docs/protocol.md): taken, worked on, waiting
 * on the customer (its clock stopped), resolved with a remediation, closed; a resolved or closed ticket may be
 * reopened. Written as its code (new, in_progress, …) in the database and in JSON.
 */
public enum TicketStatus {
    NEW,
    ASSIGNED,
    IN_PROGRESS,
    WAITING_ON_CUSTOMER,
    RESOLVED,
    CLOSED;

    /** Every status's code, in workflow order. */
    public static final List<String> CODES =
            Arrays.stream(values()).map(TicketStatus::code).toList();

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses this one may move to. */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ASSIGNED);
            case ASSIGNED -> EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED);
            case IN_PROGRESS -> EnumSet.of(WAITING_ON_CUSTOMER, RESOLVED);
            case WAITING_ON_CUSTOMER -> EnumSet.of(IN_PROGRESS, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, IN_PROGRESS);
            case CLOSED -> EnumSet.of(IN_PROGRESS);
        };
    }

    public boolean mayMoveTo(TicketStatus to) {
        return next().contains(to);
    }

    /** Still to be worked on: neither resolved nor closed (its clocks run unless it waits on the customer). */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    /** The status of a code as stored; an unknown code is a bug or a broken row. */
    public static TicketStatus of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("no ticket status " + code));
    }

    /** The status of a code a person gave, if it names one. */
    public static Optional<TicketStatus> parse(String code) {
        return code == null
                ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
