package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the complaint desk tells the customer, in their language, from the {@code messages/complaint} bundle:
 * the promise made when a complaint is filed, and where it stands when they ask.
 */
@Component
public class ComplaintTexts {

    private static final DateTimeFormatter DUE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final MessageSource messages;

    public ComplaintTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The bundle's locale for a conversation's language: English, or simplified Chinese for {@code zh}. */
    public static Locale locale(boolean english) {
        return english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    /**
     * The number and the promise made when the complaint is filed: who contacts the customer and when.
     *
     * @param workingHours the queue keeps business hours, so the targets count working time
     */
    String promise(Ticket t, Duration firstResponse, Duration resolution, boolean workingHours, Locale locale) {
        String first = duration(firstResponse, locale);
        String resolve = duration(resolution, locale);
        String working = workingHours ? ".working" : "";
        return t.fundSafety()
                ? text("complaint.filed.fund-safety" + working, locale, t.number(), first, resolve)
                : text(
                        "complaint.filed" + working,
                        locale,
                        t.number(),
                        text("complaint.tier." + t.tier().code(), locale),
                        first,
                        resolve);
    }

    /** Where the complaint stands: its status, the team that holds it, and its deadline while it is open. */
    public String status(Ticket t, Locale locale) {
        String status = text("complaint.status." + t.status().code(), locale);
        String team = text("complaint.team." + t.queue().code(), locale);
        return t.resolutionDueAt() == null || !t.status().open()
                ? text("complaint.status", locale, t.number(), status, team)
                : text("complaint.status.due", locale, t.number(), status, team, DUE.format(t.resolutionDueAt()));
    }

    /** A target in minutes when under two hours and not whole hours, else in hours. */
    private String duration(Duration d, Locale locale) {
        long minutes = d.toMinutes();
        return minutes < 120 && minutes % 60 != 0
                ? text("complaint.minutes", locale, minutes)
                : text("complaint.hours", locale, d.toHours());
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
