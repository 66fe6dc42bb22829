-- Spring Modulith's event publication registry (dev.teller.server.events): one row per event and listener that
-- handles it after the publishing transaction commits, written in that transaction, removed once the listener has
-- handled it (spring.modulith.events.completion-mode: delete). The columns are the library's (schema v2).
CREATE TABLE event_publication (
    id                     UUID                     NOT NULL PRIMARY KEY,
    listener_id            TEXT                     NOT NULL,
    event_type             TEXT                     NOT NULL,
    serialized_event       TEXT                     NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 TEXT,
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_serialized_event ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_completion_date ON event_publication (completion_date);
