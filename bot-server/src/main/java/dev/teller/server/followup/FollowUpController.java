package dev.teller.server.followup;

import dev.teller.server.complaint.TicketQueries;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What closing the loop shows supervisors: the NPS, repeat complaints and customers to win back. */
@RestController
class FollowUpController {

    private final FollowUps followUps;
    private final TicketQueries tickets;

    FollowUpController(FollowUps followUps, TicketQueries tickets) {
        this.followUps = followUps;
        this.tickets = tickets;
    }

    @GetMapping("/api/v1/staff/nps")
    Map<String, Object> nps(Principal principal) {
        TicketQueries.Repeats counted = this.tickets.repeats();
        long tickets = counted.complaints();
        long repeats = counted.repeats();
        return Map.of(
                "nps",
                followUps.nps(),
                "complaints",
                tickets,
                "repeatComplaints",
                repeats,
                "repeatRate",
                tickets == 0 ? 0.0 : Math.round(1000.0 * repeats / tickets) / 1000.0);
    }

    @GetMapping("/api/v1/staff/win-back")
    List<FollowUps.WinBack> winBack(Principal principal, @RequestParam(defaultValue = "90") int days) {
        return followUps.winBack(Duration.ofDays(days));
    }
}
