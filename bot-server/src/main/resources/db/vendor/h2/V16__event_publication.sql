-- Spring Modulith's event publication registry (dev.teller.server.events): one row per event and listener that
-- handles it after the publishing transaction commits, written in that transaction, removed once the listener has
-- handled it (spring.modulith.events.completion-mode: delete). The columns are the library's (schema v2).
CREATE TABLE event_publication (
    id                     UUID                        NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512)                NOT NULL,
    event_type             VARCHAR(512)                NOT NULL,
    serialized_event       VARCHAR(4000)               NOT NULL,
    publication_date       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP(9) WITH TIME ZONE,
    status                 VARCHAR(20),
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX event_publication_listener_event ON event_publication (listener_id, serialized_event);
CREATE INDEX event_publication_completion_date ON event_publication (completion_date);
