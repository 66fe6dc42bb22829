package dev.teller.server.complaint;

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
 * remediation guide, and the actions that move it. Staff are named by their tokens (TELLER_ADMINS until the
 * staff console brings accounts and roles).
 */
@RestController
@RequestMapping("/api/v1/staff/complaints")
class StaffComplaintController {

    record Note(String text, String reason, String status, String queue, String tier, String remediation) {}

    private final ComplaintManagement complaints;

    StaffComplaintController(ComplaintManagement complaints) {
        this.complaints = complaints;
    }

    @GetMapping
    List<Ticket> queue(
            Principal principal,
            @RequestParam(required = false) String queue,
            @RequestParam(defaultValue = "false") boolean all) {
        return complaints.queue(queue, all);
    }

    @GetMapping("/{number}")
    ComplaintManagement.Details ticket(@PathVariable String number, Principal principal) {
        return complaints.details(number);
    }

    @GetMapping("/{number}/brief")
    HandoffBrief brief(@PathVariable String number) {
        return complaints.brief(number);
    }

    @GetMapping("/{number}/suggestions")
    List<ComplaintManagement.Suggestion> suggestions(@PathVariable String number) {
        return complaints.suggestions(number);
    }

    @PostMapping("/{number}/note")
    ComplaintManagement.Details note(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.note(number, principal.getName(), note.text());
    }

    @GetMapping("/{number}/transcript")
    List<dev.teller.server.conversation.ChatMessage> transcript(@PathVariable String number) {
        return complaints.transcript(number);
    }

    @PostMapping("/{number}/claim")
    Ticket claim(@PathVariable String number, Principal principal) {
        return complaints.claim(number, principal.getName());
    }

    @PostMapping("/{number}/reply")
    Ticket reply(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.reply(number, principal.getName(), note.text());
    }

    @PostMapping("/{number}/status")
    Ticket status(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.setStatus(number, principal.getName(), note.status(), note.reason());
    }

    @PostMapping("/{number}/transfer")
    Ticket transfer(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.transfer(number, principal.getName(), note.queue());
    }

    @PostMapping("/{number}/tier")
    Ticket tier(@PathVariable String number, Principal principal, @RequestBody Note note) {
        Tier tier;
        try {
            tier = Tier.of(note.tier() == null ? "" : note.tier());
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "tier must be ordinary, urgent or major");
        }
        return complaints.changeTier(number, principal.getName(), tier, note.reason());
    }

    @PostMapping("/{number}/resolve")
    Ticket resolve(@PathVariable String number, Principal principal, @RequestBody Note note) {
        return complaints.resolve(number, principal.getName(), note.remediation());
    }
}
