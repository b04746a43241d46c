-- Every document the embedded store keeps as a file: one row each, encrypted exactly as the files are
-- (AES-256-GCM envelope, key id, the record's collection and id bound as additional data). The id itself
-- is stored only as a keyed hash (ids can be phone numbers), so a dump holds no plaintext.
CREATE TABLE documents (
  collection  text        NOT NULL,
  key         text        NOT NULL,
  envelope    jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, key)
);
