/**
 * Agents at work: presence (online, away) and capacity, and the routing that gives each new complaint to the
 * available agent of its queue who has room and has waited longest for one.
 */
package dev.teller.server.agent;
