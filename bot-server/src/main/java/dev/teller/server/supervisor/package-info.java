/**
 * What supervisors watch: SLA compliance per tier, breaches and work at risk, queue and agent load, who holds
 * each open complaint, complaint volume and hot spots, the self-service rate, trends, and transcript search.
 * Read-only, through its own read models: the {@code supervisor_*} views of migration V14 over the system of
 * record, never another feature's tables ({@code SupervisorReadModelsTest}).
 */
package dev.teller.server.supervisor;
