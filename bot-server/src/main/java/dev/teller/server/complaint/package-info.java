/**
 * Complaints: tickets filed from the bot's complaint escalations, with a number the customer can quote, an
 * explainable severity, a queue, a first-contact owner, a status, a remediation record and an audit trail of
 * every change and every refusal.
 *
 * <p>{@code ComplaintManagement} is the feature's service, and {@code TicketQueries} what other features read about
 * tickets (they query none of its tables). Behind them, one job each: {@code TicketFiling} files a ticket from the
 * escalation event; {@code TicketWorkflow} (pure) decides the moves {@code TicketStatus} allows and
 * {@code TicketChanges} carries them out, audited and announced; {@code TicketAccess} decides who may read and change
 * a ticket; {@code TicketClocks} keeps its SLA deadlines (kept by {@code sla}); {@code ComplaintTexts} says what the
 * customer reads, from the {@code messages/complaint} bundles; {@code TicketStore} is the tables. Refusals are
 * {@code ComplaintException}s, answered as problem details by {@code ComplaintProblems}.
 */
package dev.teller.server.complaint;
