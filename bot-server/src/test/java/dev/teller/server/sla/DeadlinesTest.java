package dev.teller.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.sla.internal.SlaProperties;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deadline arithmetic on hand-picked instants: tiers, pauses, business hours, holidays, tier changes, DST. */
class DeadlinesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static final SlaProperties DEFAULTS = new SlaProperties(
            null, Duration.ofMinutes(2), List.of(50, 75, 90), null, Duration.ZERO, Duration.ofSeconds(15), 2);

    @Test
    void eachTierRunsToItsDeadlineInCalendarHours() {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        BusinessCalendar always = BusinessCalendar.always();
        assertThat(Deadlines.due(start, DEFAULTS.tiers().get("ordinary").resolution(), List.of(), always))
                .isEqualTo("2026-12-05T10:00:00Z");
        assertThat(Deadlines.due(start, DEFAULTS.tiers().get("urgent").resolution(), List.of(), always))
                .isEqualTo("2026-12-03T10:00:00Z");
        assertThat(Deadlines.due(start, DEFAULTS.tiers().get("major").resolution(), List.of(), always))
                .isEqualTo("2026-12-02T16:00:00Z");
        assertThat(Deadlines.due(start, DEFAULTS.fundSafetyFirstResponse(), List.of(), always))
                .isEqualTo("2026-12-02T10:02:00Z");
    }

    @Test
    void pausesStopTheClockAndAnOpenPauseLeavesNoDeadline() {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        Duration six = Duration.ofHours(6);
        BusinessCalendar always = BusinessCalendar.always();
        List<Deadlines.Pause> twoHours = List.of(
                new Deadlines.Pause(Instant.parse("2026-12-02T11:00:00Z"), Instant.parse("2026-12-02T13:00:00Z")));
        assertThat(Deadlines.due(start, six, twoHours, always)).isEqualTo("2026-12-02T18:00:00Z");
        List<Deadlines.Pause> two = List.of(
                new Deadlines.Pause(Instant.parse("2026-12-02T11:00:00Z"), Instant.parse("2026-12-02T12:00:00Z")),
                new Deadlines.Pause(Instant.parse("2026-12-02T14:00:00Z"), Instant.parse("2026-12-02T14:30:00Z")));
        assertThat(Deadlines.due(start, six, two, always)).isEqualTo("2026-12-02T17:30:00Z");
        List<Deadlines.Pause> open = List.of(new Deadlines.Pause(Instant.parse("2026-12-02T11:00:00Z"), null));
        assertThat(Deadlines.due(start, six, open, always)).isNull();
        // A pause that starts after the deadline changes nothing.
        List<Deadlines.Pause> late = List.of(new Deadlines.Pause(Instant.parse("2026-12-02T17:00:00Z"), null));
        assertThat(Deadlines.due(start, six, late, always)).isEqualTo("2026-12-02T16:00:00Z");
    }

    @Test
    void businessHoursSkipNightsWeekendsAndHolidays() {
        BusinessCalendar cal =
                BusinessCalendar.of(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, Set.of());
        // Friday 16:00 + 6 working hours: 2 on Friday, 4 on Monday.
        Instant friday = at("2026-12-04T16:00", SHANGHAI);
        assertThat(Deadlines.due(friday, Duration.ofHours(6), List.of(), cal))
                .isEqualTo(at("2026-12-07T13:00", SHANGHAI));
        // Filed at night: the clock starts at opening time.
        Instant night = at("2026-12-02T22:30", SHANGHAI);
        assertThat(Deadlines.due(night, Duration.ofHours(1), List.of(), cal))
                .isEqualTo(at("2026-12-03T10:00", SHANGHAI));
        // 24 working hours from Wednesday 09:00 span Wednesday, Thursday and six hours of Friday.
        assertThat(Deadlines.due(at("2026-12-02T09:00", SHANGHAI), Duration.ofHours(24), List.of(), cal))
                .isEqualTo(at("2026-12-04T15:00", SHANGHAI));
        BusinessCalendar holidays = BusinessCalendar.of(
                SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, Set.of(LocalDate.of(2027, 1, 1)));
        // Thursday 31 December 17:00 + 3 working hours: 1 on Thursday; New Year's Day is a holiday; 2 on Monday.
        assertThat(Deadlines.due(at("2026-12-31T17:00", SHANGHAI), Duration.ofHours(3), List.of(), holidays))
                .isEqualTo(at("2027-01-04T11:00", SHANGHAI));
        assertThat(holidays.between(at("2026-12-31T17:00", SHANGHAI), at("2027-01-04T11:00", SHANGHAI)))
                .isEqualTo(Duration.ofHours(3));
    }

    @Test
    void aPauseInBusinessHoursMovesTheDeadlineByTheWorkingTimeItTook() {
        BusinessCalendar cal =
                BusinessCalendar.of(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, Set.of());
        Instant start = at("2026-12-02T09:00", SHANGHAI);
        // Waiting on the customer from Wednesday 17:00 to Thursday 10:00 costs 2 working hours, not 17.
        List<Deadlines.Pause> overnight =
                List.of(new Deadlines.Pause(at("2026-12-02T17:00", SHANGHAI), at("2026-12-03T10:00", SHANGHAI)));
        assertThat(Deadlines.due(start, Duration.ofHours(9), List.of(), cal))
                .isEqualTo(at("2026-12-02T18:00", SHANGHAI));
        assertThat(Deadlines.due(start, Duration.ofHours(9), overnight, cal))
                .isEqualTo(at("2026-12-03T11:00", SHANGHAI));
    }

    @Test
    void aTierChangeRecomputesFromTheStart() {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        List<Deadlines.Pause> pause = List.of(
                new Deadlines.Pause(Instant.parse("2026-12-02T12:00:00Z"), Instant.parse("2026-12-02T13:00:00Z")));
        Instant ordinary = Deadlines.due(start, Duration.ofHours(72), pause, BusinessCalendar.always());
        Instant major = Deadlines.due(start, Duration.ofHours(6), pause, BusinessCalendar.always());
        assertThat(ordinary).isEqualTo("2026-12-05T11:00:00Z");
        assertThat(major).isEqualTo("2026-12-02T17:00:00Z");
    }

    @Test
    void daylightSavingChangesMoveNeitherCalendarNorBusinessHours() {
        // London clocks go forward at 01:00 on Sunday 28 March 2027: that night has 23 hours.
        Instant saturday = at("2027-03-27T12:00", LONDON);
        assertThat(Deadlines.due(saturday, Duration.ofHours(24), List.of(), BusinessCalendar.always()))
                .isEqualTo(at("2027-03-28T13:00", LONDON));
        BusinessCalendar cal = BusinessCalendar.of(LONDON, LocalTime.of(9, 0), LocalTime.of(17, 0), WEEKDAYS, Set.of());
        // Friday 15:00 + 4 working hours: 2 on Friday, 2 on Monday, at 11:00 local time after the change.
        Instant due = Deadlines.due(at("2027-03-26T15:00", LONDON), Duration.ofHours(4), List.of(), cal);
        assertThat(due).isEqualTo(at("2027-03-29T11:00", LONDON));
        assertThat(due.atZone(LONDON).getOffset().getTotalSeconds()).isEqualTo(3600);
        // And back in October (31 October 2027 has 25 hours).
        assertThat(Deadlines.due(at("2027-10-29T16:00", LONDON), Duration.ofHours(2), List.of(), cal))
                .isEqualTo(at("2027-11-01T10:00", LONDON));
    }

    @Test
    void aCalendarRefusesNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        BusinessCalendar.of(SHANGHAI, LocalTime.of(18, 0), LocalTime.of(9, 0), WEEKDAYS, Set.of()))
                .hasMessageContaining("before closing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        BusinessCalendar.of(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(), Set.of()))
                .hasMessageContaining("working day");
    }
}
