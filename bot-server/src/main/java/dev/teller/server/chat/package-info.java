/** The channels customers reach Teller through: REST for apps today, WebSocket next (docs/protocol.md). */
package dev.teller.server.chat;
