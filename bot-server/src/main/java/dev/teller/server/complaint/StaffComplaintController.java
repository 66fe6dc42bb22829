package dev.teller.server.complaint;

import dev.teller.server.complaint.internal.InvalidTicketRequest;
import dev.teller.server.complaint.internal.NoStaffAccount;
import dev.teller.server.complaint.internal.TicketAccess;
import dev.teller.server.security.StaffAccounts;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff API for complaints (docs/protocol.md): queues, a ticket with its audit trail, SLA events and
 * remediation guide, and the actions that move it. The caller's account (role and queues) decides what they may
 * read and change ({@link TicketAccess}); a view or action on a ticket they may not read answers 404.
 */
@RestController
@RequestMapping("/api/v1/staff/complaints")
class StaffComplaintController {

    record Note(String text, String reason, String status, String queue, String tier, String remediation) {}

    private final ComplaintManagement complaints;
    private final StaffAccounts staff;

    StaffComplaintController(ComplaintManagement complaints, StaffAccounts staff) {
        this.complaints = complaints;
        this.staff = staff;
    }

    /** The logged-in member of staff, with the role and queues their account has now. */
    private Actor actor(Principal principal) {
        return staff.byUsername(principal.getName()).map(Actor::of).orElseThrow(NoStaffAccount::new);
    }

    @GetMapping
    List<Ticket> queue(
            Principal principal,
            @RequestParam(required = false) String queue,
            @RequestParam(defaultValue = "false") boolean all) {
        return complaints.queue(queue, all, actor(principal));
    }

    @GetMapping("/{number}")
    ComplaintManagement.Details ticket(@PathVariable String number, Principal principal) {
        return complaints.details(number, actor(principal));
    }

    @GetMapping("/{number}/brief")
    HandoffBrief brief(@PathVariable String number, Principal principal) {
        complaints.readable(number, actor(principal), "brief");
        return complaints.brief(number);
    }

    @GetMapping("/{number}/suggestions")
    List<ComplaintManagement.Suggestion> suggestions(@PathVariable String number, Principal principal) {
        return complaints.suggestions(number, actor(principal));
    }

    @PostMapping("/{number}/note")
    ComplaintManagement.Details note(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.note(number, actor(principal), note.text());
    }

    @GetMapping("/{number}/transcript")
    List<dev.teller.server.conversation.ChatMessage> transcript(@PathVariable String number, Principal principal) {
        return complaints.transcript(number, actor(principal));
    }

    @PostMapping("/{number}/claim")
    Ticket claim(@PathVariable String number, Principal principal) {
        return complaints.claim(number, actor(principal));
    }

    @PostMapping("/{number}/reply")
    Ticket reply(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.reply(number, actor(principal), note.text());
    }

    @PostMapping("/{number}/status")
    Ticket status(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.setStatus(number, actor(principal), note.status(), note.reason());
    }

    @PostMapping("/{number}/transfer")
    Ticket transfer(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.transfer(number, actor(principal), note.queue(), note.reason());
    }

    @PostMapping("/{number}/tier")
    Ticket tier(@PathVariable String number, Principal principal, @RequestBody Note note) {
        Tier tier;
        try {
            tier = Tier.of(note.tier() == null ? "" : note.tier());
        } catch (IllegalArgumentException e) {
            throw new InvalidTicketRequest("Bad Request", "tier must be ordinary, urgent or major");
        }
        return complaints.changeTier(number, actor(principal), tier, note.reason());
    }

    @PostMapping("/{number}/resolve")
    Ticket resolve(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.resolve(number, actor(principal), note.remediation());
    }
}
