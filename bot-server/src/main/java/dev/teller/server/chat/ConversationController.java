package dev.teller.server.chat;

import dev.teller.server.conversation.ChatMessage;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.security.Tokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The REST channel for apps: see docs/protocol.md. */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationController {

    record StartRequest(
            @Size(max = 8) String language,
            @Size(max = 16) String channel,
            @Size(max = 200) String name,
            @Size(max = 200) String contact) {}

    record StartResponse(UUID conversationId, String token) {}

    record MessageRequest(
            @NotNull String text, @Size(max = 100) String clientMessageId) {}

    record Messages(List<ChatMessage> messages) {}

    private final Conversations conversations;

    ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    @PostMapping
    ResponseEntity<StartResponse> start(@Valid @RequestBody(required = false) StartRequest body) {
        StartRequest b = body == null ? new StartRequest(null, null, null, null) : body;
        Conversations.Started s = conversations.start(b.language(), b.channel(), b.name(), b.contact());
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + s.conversationId()))
                .body(new StartResponse(s.conversationId(), s.token()));
    }

    @PostMapping("/{id}/messages")
    Messages post(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Valid @RequestBody MessageRequest body) {
        return new Messages(conversations.post(id, token(authorization), body.text(), body.clientMessageId()));
    }

    @GetMapping("/{id}/messages")
    Messages after(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(defaultValue = "0") long after) {
        return new Messages(conversations.after(id, token(authorization), after));
    }

    private static String token(String authorization) {
        String token = Tokens.bearer(authorization);
        if (token == null) {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.UNAUTHORIZED);
            e.getBody().setTitle("Missing token");
            e.getBody().setDetail("Send the conversation's token as 'Authorization: Bearer <token>'.");
            e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            throw e;
        }
        return token;
    }
}
