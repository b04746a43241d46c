-- The audit chain: one row per entry (ids, event names and status codes only), appended under a lock so the
-- chain stays one line however many instances write.
CREATE TABLE audit_log (
  seq    bigint PRIMARY KEY,
  entry  text   NOT NULL
);
