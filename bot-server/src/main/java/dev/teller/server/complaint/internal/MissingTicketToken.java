package dev.teller.server.complaint.internal;

/** A customer asks for a complaint without the token of the conversation that filed it. */
public final class MissingTicketToken extends ComplaintException {
    public MissingTicketToken() {
        super(
                "Missing token",
                "Send the token of the conversation that filed the complaint as 'Authorization: Bearer <token>'.");
    }
}
