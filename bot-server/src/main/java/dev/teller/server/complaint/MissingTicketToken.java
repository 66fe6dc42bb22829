package dev.teller.server.complaint;

/** A customer asks for a complaint without the token of the conversation that filed it. */
public final class MissingTicketToken extends ComplaintException {
    MissingTicketToken() {
        super(
                "Missing token",
                "Send the token of the conversation that filed the complaint as 'Authorization: Bearer <token>'.");
    }
}
