-- Issue 7: recurring meetings as the seeds' matrix of dates × participants (superoffice-domain.md §6, ADR 0014).
-- A series is one recurrence_rule row plus, per occurrence, an ordinary booking (a master and one child row per
-- participant) whose rows carry the rule's id and the occurrence's original start (RFC 5545 §3.8.4.4 RECURRENCE-ID).
-- rule_lines: the RFC 5545 lines as the API took them (RRULE/RDATE/EXDATE), one per line. local_start: DTSTART's
-- wall-clock time in time_zone (an IANA id), "yyyy-MM-ddTHH:mm:ss"; occurrences keep that wall-clock time across DST.
CREATE TABLE recurrence_rule (
    recurrence_rule_id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id           INTEGER NOT NULL REFERENCES associate (associate_id),
    rule_lines         TEXT    NOT NULL CHECK (length(rule_lines) <= 20000),
    time_zone          TEXT    NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    local_start        TEXT    NOT NULL CHECK (local_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    duration_seconds   INTEGER NOT NULL CHECK (duration_seconds > 0),
    registered         TEXT    NOT NULL CHECK (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(registered) <= 27 AND substr(registered, 21) NOT GLOB '*[^0-9]*')),
    updated            TEXT    NOT NULL CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(updated) <= 27 AND substr(updated, 21) NOT GLOB '*[^0-9]*')),
    version            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_recurrence_rule_owner ON recurrence_rule (owner_id);

-- 0 = not recurring, as in the seeds (appointment.recurrenceRuleId); no foreign key, like mother_id.
ALTER TABLE appointment ADD COLUMN recurrence_rule_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointment ADD COLUMN original_start_date TEXT NULL CHECK (original_start_date IS NULL OR original_start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (original_start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(original_start_date) <= 27 AND substr(original_start_date, 21) NOT GLOB '*[^0-9]*'));
-- The seeds' (recurrenceRuleId, activeDate, mother_id) index: a series' rows by date.
CREATE INDEX ix_appointment_recurrence ON appointment (recurrence_rule_id, do_by, mother_id) WHERE recurrence_rule_id <> 0;
