package dev.teller.server.complaint.internal;

/** A login whose staff account was removed since it logged in. */
public final class NoStaffAccount extends ComplaintException {
    public NoStaffAccount() {
        super("No staff account", "Your login has no staff account any more; ask an admin to restore it.");
    }
}
