-- Rate limits that hold across instances: rate-limiter-flexible's PostgreSQL store counts here (it is told the
-- table exists, so it never creates one itself). One row per limited key, which is a keyed hash (keys can be
-- addresses or phone numbers); `points` used in the window, `expire` when the window or block ends (ms since
-- the epoch). Expired rows are deleted by the store every few minutes.
CREATE TABLE rate_limits (
  key     varchar(255) PRIMARY KEY,
  points  integer      NOT NULL DEFAULT 0,
  expire  bigint
);
CREATE INDEX rate_limits_expire ON rate_limits (expire);
