/**
 * What supervisors watch: SLA compliance per tier, breaches and work at risk, queue and agent load, who holds
 * each open complaint, complaint volume and hot spots, the self-service rate, trends, and transcript search.
 * Read-only views over the system of record.
 */
package dev.teller.server.supervisor;
