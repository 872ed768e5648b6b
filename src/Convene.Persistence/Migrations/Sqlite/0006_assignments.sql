-- Issue 9: assignments (statuses 11–13 and a change of owner) add two notification kinds: OrganizerChanged
-- ("New organizer") and Assigned ("Assigned to you"). SQLite cannot ALTER a CHECK constraint, so the notification
-- table is rebuilt with the wider CHECK (https://www.sqlite.org/lang_altertable.html §7, "making other kinds of
-- table schema changes"): nothing references notification, so the copy, drop and rename need no foreign-key
-- juggling, and ids, rows and indexes stay as they were. The migrator runs this in one transaction.
CREATE TABLE notification_0006 (
    notification_id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_id    INTEGER NOT NULL REFERENCES associate (associate_id),
    kind            TEXT    NOT NULL CHECK (kind IN ('NewMeeting', 'MeetingChanged', 'MeetingCancelled', 'InvitationDeclined', 'OrganizerChanged', 'Assigned')),
    appointment_id  INTEGER NOT NULL REFERENCES appointment (appointment_id) ON DELETE CASCADE,
    mother_id       INTEGER NOT NULL,
    created_at      TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(created_at) <= 27 AND substr(created_at, 21) NOT GLOB '*[^0-9]*')),
    text            TEXT    NOT NULL
);
INSERT INTO notification_0006 (notification_id, recipient_id, kind, appointment_id, mother_id, created_at, text)
    SELECT notification_id, recipient_id, kind, appointment_id, mother_id, created_at, text FROM notification;
DROP TABLE notification;
ALTER TABLE notification_0006 RENAME TO notification;
CREATE INDEX ix_notification_recipient ON notification (recipient_id, created_at);
CREATE INDEX ix_notification_appointment ON notification (appointment_id);

-- Meetings an associate owns, or has assigned and still holds (assigned_by while 11/12): what deactivating them lists.
CREATE INDEX ix_appointment_assigned_by ON appointment (assigned_by) WHERE assigned_by IS NOT NULL;
