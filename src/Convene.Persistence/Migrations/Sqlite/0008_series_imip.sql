-- Issue 7 (iMIP for series, ADR 0021): a series has ONE iCalendar identity for e-mail, as a single meeting has.
-- invitation.recurrence_rule_id: 0 for a single meeting; otherwise this row is the series' UID/SEQUENCE and its
-- appointment_id is the master row of the series' first date when the row was made (the seeds' invitation row points
-- at the mother row too). invitation_recipient rows of a series hang on that appointment_id.
ALTER TABLE invitation ADD COLUMN recurrence_rule_id INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX ux_invitation_recurrence_rule ON invitation (recurrence_rule_id) WHERE recurrence_rule_id <> 0;

-- The SEQUENCE of one date's override (a VEVENT with RECURRENCE-ID, RFC 5545 §3.8.4.4) as last sent: RFC 5546 §2.1.5
-- judges a REPLY for that date against it, not against the series' SEQUENCE. Removed when the whole series is re-sent.
CREATE TABLE invitation_occurrence (
    invitation_id  INTEGER NOT NULL REFERENCES invitation (invitation_id),
    recurrence_id  TEXT    NOT NULL CHECK (recurrence_id GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (recurrence_id GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(recurrence_id) <= 27 AND substr(recurrence_id, 21) NOT GLOB '*[^0-9]*')),
    event_sequence INTEGER NOT NULL CHECK (event_sequence >= 0),
    PRIMARY KEY (invitation_id, recurrence_id)
);
