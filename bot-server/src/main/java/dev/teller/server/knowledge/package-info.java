/** The knowledge base as the server publishes it: reading articles (the admin API comes with issue 4's rest). */
package dev.teller.server.knowledge;
