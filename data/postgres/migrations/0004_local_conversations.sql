-- The local Direct Line's conversations (the web chat with no cloud account), shared by every instance so a
-- conversation started on one works from any other. Ids are random and carry no meaning; tokens are kept
-- only as SHA-256 hashes; each activity (what the person wrote, the bot's replies) is encrypted per row like
-- every other record, bound to its conversation and position. A conversation not seen for
-- DIRECTLINE_IDLE_MINUTES is deleted with its activities.
CREATE TABLE local_conversations (
  id                   text        PRIMARY KEY,
  channel_id           text        NOT NULL,
  user_id              text        NOT NULL,
  token_hash           text        NOT NULL,
  previous_token_hash  text,
  started              boolean     NOT NULL DEFAULT false,
  locale               text,
  next_position        bigint      NOT NULL DEFAULT 0,
  last_seen_at         timestamptz NOT NULL
);
CREATE UNIQUE INDEX local_conversations_token ON local_conversations (token_hash);
CREATE INDEX local_conversations_previous_token ON local_conversations (previous_token_hash) WHERE previous_token_hash IS NOT NULL;
CREATE INDEX local_conversations_last_seen ON local_conversations (last_seen_at);

CREATE TABLE local_conversation_activities (
  conversation_id  text   NOT NULL REFERENCES local_conversations (id) ON DELETE CASCADE,
  position         bigint NOT NULL,
  envelope         jsonb  NOT NULL,
  PRIMARY KEY (conversation_id, position)
);
