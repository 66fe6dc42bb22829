/**
 * SLA clocks: first-response and resolution deadlines per tier, in calendar or business hours, stopped while a
 * ticket waits on the customer; timers stored in the database that warn at 50, 75 and 90 % and fire a breach,
 * each exactly once across restarts and server instances. Also the due-work scheduler ({@link
 * dev.teller.server.sla.DueWork}, db-scheduler) that runs these timers and the follow-ups of resolved complaints.
 */
package dev.teller.server.sla;
