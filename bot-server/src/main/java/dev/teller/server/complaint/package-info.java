/**
 * Complaints: tickets filed from the bot's complaint escalations, with a number the customer can quote, an
 * explainable severity, a queue, a first-contact owner, a status, a remediation record and an audit trail of
 * every change and every refusal; who may read and change one is {@code TicketAccess}'s; their SLA clocks are kept
 * by {@code sla}.
 */
package dev.teller.server.complaint;
