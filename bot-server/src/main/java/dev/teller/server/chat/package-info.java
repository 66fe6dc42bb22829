/** The channels customers reach Teller through: REST for apps and WebSocket for the widget (docs/protocol.md). */
package dev.teller.server.chat;
