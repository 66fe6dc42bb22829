package dev.teller.server.supervisor;

import dev.teller.server.supervisor.internal.SupervisorViews;
import dev.teller.server.supervisor.internal.TranscriptCsv;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The supervisor dashboard's data (docs/protocol.md); supervisors and admins only. */
@RestController
@RequestMapping("/api/v1/supervisor")
class SupervisorController {

    private final SupervisorViews views;

    SupervisorController(SupervisorViews views) {
        this.views = views;
    }

    @GetMapping("/sla")
    List<SupervisorViews.Compliance> sla() {
        return views.compliance();
    }

    @GetMapping("/sla/daily")
    List<SupervisorViews.DailyCompliance> slaDaily(@RequestParam(defaultValue = "30") int days) {
        return views.dailyCompliance(Math.max(1, Math.min(days, 366)));
    }

    @GetMapping("/breaches")
    List<SupervisorViews.Breach> breaches(@RequestParam(defaultValue = "100") int limit) {
        return views.breaches(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/load")
    SupervisorViews.Load load() {
        return views.load();
    }

    @GetMapping("/holders")
    List<SupervisorViews.Holder> holders() {
        return views.holders();
    }

    @GetMapping("/volume")
    SupervisorViews.Volume volume(@RequestParam(defaultValue = "30") int days) {
        return views.volume(Math.max(1, Math.min(days, 366)));
    }

    @GetMapping("/self-service")
    SupervisorViews.SelfService selfService(@RequestParam(defaultValue = "30") int days) {
        return views.selfService(Math.max(1, Math.min(days, 366)));
    }

    @GetMapping("/trends")
    List<SupervisorViews.Day> trends(@RequestParam(defaultValue = "30") int days) {
        return views.trends(Math.max(1, Math.min(days, 366)));
    }

    /** The monthly voice-of-the-customer report; {@code month} like 2026-12 (this month by default). */
    @GetMapping("/voice")
    SupervisorViews.Voice voice(@RequestParam(required = false) String month) {
        java.time.YearMonth m;
        try {
            m = month == null || month.isBlank()
                    ? java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                    : java.time.YearMonth.parse(month);
        } catch (java.time.format.DateTimeParseException e) {
            m = null;
        }
        if (m == null || m.getYear() < 2000 || m.getYear() > 9999) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "month must look like 2026-12, a year from 2000 to 9999");
        }
        return views.voice(m);
    }

    @GetMapping("/transcripts")
    List<SupervisorViews.Transcript> transcripts(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String language,
            @RequestParam(defaultValue = "50") int limit) {
        return views.transcripts(q, language, Math.max(1, Math.min(limit, 200)));
    }

    /** The same search as CSV, one line per message (for a spreadsheet); cells quoted, formulas defused. */
    @GetMapping(value = "/transcripts.csv", produces = "text/csv")
    ResponseEntity<String> csv(
            @RequestParam(defaultValue = "") String q, @RequestParam(required = false) String language) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"transcripts.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(TranscriptCsv.write(views.transcripts(q, language, 200)));
    }
}
