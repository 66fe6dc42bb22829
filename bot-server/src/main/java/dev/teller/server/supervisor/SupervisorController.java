package dev.teller.server.supervisor;

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

    /** The same search as CSV, one line per message (for a spreadsheet); text fields quoted. */
    @GetMapping(value = "/transcripts.csv", produces = "text/csv")
    ResponseEntity<String> csv(
            @RequestParam(defaultValue = "") String q, @RequestParam(required = false) String language) {
        StringBuilder out = new StringBuilder("conversation_id,language,channel,tickets,seq,from,created_at,text\n");
        for (SupervisorViews.Transcript t : views.transcripts(q, language, 200)) {
            for (SupervisorViews.Line l : t.lines()) {
                out.append(t.conversationId())
                        .append(',')
                        .append(cell(t.language()))
                        .append(',')
                        .append(cell(t.channel()))
                        .append(',')
                        .append(cell(String.join(" ", t.tickets())))
                        .append(',')
                        .append(l.seq())
                        .append(',')
                        .append(l.from())
                        .append(',')
                        .append(l.at())
                        .append(',')
                        .append(cell(l.text()))
                        .append('\n');
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"transcripts.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(out.toString());
    }

    /** A CSV cell: quoted, quotes doubled, and a leading =, +, - or @ defused so no spreadsheet runs it. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = s.matches("(?s)^[=+\\-@\\t\\r].*") ? "'" + s : s;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
