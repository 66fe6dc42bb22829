package dev.teller.server.complaint;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The team that holds a ticket, from the least to the most specialised: when several severity rules name a queue,
 * the most specialised one wins. Written as its code (general, senior, risk) in the database and in JSON.
 */
public enum Queue {
    GENERAL,
    SENIOR,
    /** The risk team: fund-safety work, read only by that team, its owners and supervisors. */
    RISK;

    /** Every queue's code, in order: general, senior, risk. */
    public static final List<String> CODES =
            Arrays.stream(values()).map(Queue::code).toList();

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more specialised of two queues. */
    public Queue orMoreSpecialised(Queue other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /** The queue of a code as stored; an unknown code is a bug or a broken row. */
    public static Queue of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("no queue " + code));
    }

    /** The queue of a code a person or a file gave, if it names one. */
    public static Optional<Queue> parse(String code) {
        return code == null
                ? Optional.empty()
                : Arrays.stream(values()).filter(q -> q.code().equals(code)).findFirst();
    }
}
