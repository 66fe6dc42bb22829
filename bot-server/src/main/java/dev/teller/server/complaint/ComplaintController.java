package dev.teller.server.complaint;

import dev.teller.server.complaint.internal.MissingTicketToken;
import dev.teller.server.security.Tokens;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Where a complaint stands, for the customer whose conversation filed it (docs/protocol.md). */
@RestController
class ComplaintController {

    private final ComplaintManagement complaints;

    ComplaintController(ComplaintManagement complaints) {
        this.complaints = complaints;
    }

    @GetMapping("/api/v1/complaints/{number}")
    Map<String, Object> complaint(
            @PathVariable String number,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = Tokens.bearer(authorization);
        if (token == null) {
            throw new MissingTicketToken();
        }
        return complaints.forCustomer(number, token);
    }
}
