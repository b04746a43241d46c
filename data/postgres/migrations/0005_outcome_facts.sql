-- The partnership's outcome facts (domain/outcomes/outcomeFacts.ts): appended, never changed or deleted. No
-- person id, handoff id or text: a kind, the week (its Monday) and counts, durations and agency ids, as JSON.
-- Not encrypted, as they are not personal data; kept through erasure and retention.
CREATE TABLE outcome_facts (
  seq   bigserial PRIMARY KEY,
  week  date      NOT NULL,
  fact  jsonb     NOT NULL
);
