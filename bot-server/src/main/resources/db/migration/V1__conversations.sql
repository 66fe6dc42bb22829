-- Conversations and their messages: the system of record for every chat.
CREATE TABLE conversation (
    id            UUID PRIMARY KEY,
    token_hash    VARCHAR(64)  NOT NULL,
    language      VARCHAR(8),
    channel       VARCHAR(16)  NOT NULL,
    customer_name VARCHAR(200),
    contact       VARCHAR(200),
    state         VARCHAR(32)  NOT NULL,
    misses        INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE message (
    conversation_id   UUID         NOT NULL REFERENCES conversation (id),
    seq               BIGINT       NOT NULL,
    sender            VARCHAR(16)  NOT NULL,
    text              VARCHAR(4000) NOT NULL,
    meta              TEXT,
    client_message_id VARCHAR(100),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- A client message id is stored once per conversation: a retried send is recognised, not duplicated.
CREATE UNIQUE INDEX message_client_id ON message (conversation_id, client_message_id);
