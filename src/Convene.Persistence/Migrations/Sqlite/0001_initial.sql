-- Convene schema v1 (SQLite). Table and column names follow SuperOffice's, in snake_case (PRODUCT.md §2).
-- Times are UTC text 'YYYY-MM-DD HH:MM:SS' with an optional fraction '.f' to '.fffffff' (what EF Core writes), so
-- that text comparison orders them. The CHECKs keep raw-SQL writers to exactly that form: no 'T', 'Z' or offset.

CREATE TABLE contact (
    contact_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    is_active    INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    registered   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(registered) <= 27 AND substr(registered, 21) NOT GLOB '*[^0-9]*')),
    updated      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(updated) <= 27 AND substr(updated, 21) NOT GLOB '*[^0-9]*'))
);

CREATE TABLE person (
    person_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id   INTEGER NOT NULL REFERENCES contact (contact_id),
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email        TEXT    NULL,
    is_active    INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    registered   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(registered) <= 27 AND substr(registered, 21) NOT GLOB '*[^0-9]*')),
    updated      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(updated) <= 27 AND substr(updated, 21) NOT GLOB '*[^0-9]*'))
);
CREATE INDEX ix_person_contact ON person (contact_id);

-- type: 0 employee, 1 resource (the seeds' AssociateType).
CREATE TABLE associate (
    associate_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    user_name        TEXT    NULL COLLATE NOCASE UNIQUE,
    type             INTEGER NOT NULL DEFAULT 0 CHECK (type IN (0, 1)),
    is_location      INTEGER NOT NULL DEFAULT 0 CHECK (is_location IN (0, 1)),
    person_id        INTEGER NULL REFERENCES person (person_id),
    email            TEXT    NULL,
    password_hash    TEXT    NULL,
    is_administrator INTEGER NOT NULL DEFAULT 0 CHECK (is_administrator IN (0, 1)),
    is_active        INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    time_zone        TEXT    NOT NULL DEFAULT 'Europe/Oslo',
    registered       TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(registered) <= 27 AND substr(registered, 21) NOT GLOB '*[^0-9]*')),
    updated          TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(updated) <= 27 AND substr(updated, 21) NOT GLOB '*[^0-9]*'))
);

CREATE TABLE text (
    text_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    text     TEXT    NOT NULL DEFAULT ''
);

-- One row per participant of a meeting. Master: mother_id = appointment_id. Child: mother_id = the master.
-- External persons: associate_id 0, invited_person_id = the person. Status and type are the seeds' codes.
CREATE TABLE appointment (
    appointment_id          INTEGER PRIMARY KEY AUTOINCREMENT,
    associate_id            INTEGER NOT NULL DEFAULT 0,
    mother_id               INTEGER NOT NULL DEFAULT 0,
    mother_associate_id     INTEGER NOT NULL DEFAULT 0,
    text_id                 INTEGER NOT NULL REFERENCES text (text_id),
    invited_person_id       INTEGER NOT NULL DEFAULT 0,
    contact_id              INTEGER NULL REFERENCES contact (contact_id),
    person_id               INTEGER NULL REFERENCES person (person_id),
    do_by                   TEXT    NOT NULL CHECK (do_by GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (do_by GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(do_by) <= 27 AND substr(do_by, 21) NOT GLOB '*[^0-9]*')),
    end_date                TEXT    NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(end_date) <= 27 AND substr(end_date, 21) NOT GLOB '*[^0-9]*')),
    type                    INTEGER NOT NULL CHECK (type BETWEEN 0 AND 9),
    status                  INTEGER NOT NULL CHECK (status BETWEEN 0 AND 13),
    reject_reason           TEXT    NULL CHECK (reject_reason IS NULL OR length(reject_reason) <= 254),
    reject_counter          INTEGER NOT NULL DEFAULT 0 CHECK (reject_counter >= 0),
    private                 INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1, 2)),
    free_busy               INTEGER NOT NULL DEFAULT 0 CHECK (free_busy IN (0, 1)),
    title                   TEXT    NOT NULL DEFAULT '' CHECK (length(title) <= 255),
    location                TEXT    NULL CHECK (location IS NULL OR length(location) <= 254),
    assigned_by             INTEGER NULL,
    registered              TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(registered) <= 27 AND substr(registered, 21) NOT GLOB '*[^0-9]*')),
    registered_associate_id INTEGER NOT NULL DEFAULT 0,
    updated                 TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(updated) <= 27 AND substr(updated, 21) NOT GLOB '*[^0-9]*')),
    updated_associate_id    INTEGER NOT NULL DEFAULT 0,
    version                 INTEGER NOT NULL DEFAULT 0,
    CHECK (end_date > do_by)
);
CREATE INDEX ix_appointment_diary ON appointment (associate_id, do_by, end_date);
CREATE INDEX ix_appointment_mother ON appointment (mother_id, status);
CREATE INDEX ix_appointment_invited_person ON appointment (invited_person_id) WHERE associate_id = 0;
CREATE INDEX ix_appointment_contact ON appointment (contact_id) WHERE contact_id IS NOT NULL;

-- kind: NewMeeting | MeetingChanged | MeetingCancelled | InvitationDeclined. appointment_id is the recipient's row.
CREATE TABLE notification (
    notification_id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_id    INTEGER NOT NULL REFERENCES associate (associate_id),
    kind            TEXT    NOT NULL CHECK (kind IN ('NewMeeting', 'MeetingChanged', 'MeetingCancelled', 'InvitationDeclined')),
    appointment_id  INTEGER NOT NULL REFERENCES appointment (appointment_id) ON DELETE CASCADE,
    mother_id       INTEGER NOT NULL,
    created_at      TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(created_at) <= 27 AND substr(created_at, 21) NOT GLOB '*[^0-9]*')),
    text            TEXT    NOT NULL
);
CREATE INDEX ix_notification_recipient ON notification (recipient_id, created_at);
CREATE INDEX ix_notification_appointment ON notification (appointment_id);

-- Every change to a meeting and every answer. mother_id and appointment_id are not foreign keys: history
-- outlives the rows it describes.
CREATE TABLE appointment_history (
    history_id           INTEGER PRIMARY KEY AUTOINCREMENT,
    mother_id            INTEGER NOT NULL,
    appointment_id       INTEGER NULL,
    actor_id             INTEGER NOT NULL,
    at                   TEXT    NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(at) <= 27 AND substr(at, 21) NOT GLOB '*[^0-9]*')),
    action               TEXT    NOT NULL,
    subject_associate_id INTEGER NULL,
    subject_person_id    INTEGER NULL,
    from_status          INTEGER NULL,
    to_status            INTEGER NULL,
    reason               TEXT    NULL,
    details              TEXT    NULL
);
CREATE INDEX ix_history_mother ON appointment_history (mother_id, history_id);

CREATE TABLE auth_token (
    auth_token_id INTEGER PRIMARY KEY AUTOINCREMENT,
    associate_id  INTEGER NOT NULL REFERENCES associate (associate_id),
    token_hash    TEXT    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(created_at) <= 27 AND substr(created_at, 21) NOT GLOB '*[^0-9]*')),
    expires_at    TEXT    NOT NULL CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(expires_at) <= 27 AND substr(expires_at, 21) NOT GLOB '*[^0-9]*')),
    revoked_at    TEXT    NULL CHECK (revoked_at IS NULL OR revoked_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (revoked_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(revoked_at) <= 27 AND substr(revoked_at, 21) NOT GLOB '*[^0-9]*'))
);
CREATE INDEX ix_auth_token_associate ON auth_token (associate_id);
