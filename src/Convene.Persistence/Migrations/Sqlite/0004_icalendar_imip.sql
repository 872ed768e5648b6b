-- Issue 6: iCalendar identity of meetings, external recipients' e-mail state, the iMIP outbox, RSVP tokens and feeds.
-- Times as in 0001: UTC text 'YYYY-MM-DD HH:MM:SS[.fffffff]'.

-- The seeds' invitation table: one row per meeting (appointment_id = the master row's id). Not a foreign key: the
-- row outlives a cancelled meeting, so that late replies are recognised.
CREATE TABLE invitation (
    invitation_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id     INTEGER NOT NULL UNIQUE,
    event_uid          TEXT    NOT NULL UNIQUE CHECK (length(event_uid) BETWEEN 1 AND 255),
    event_sequence     INTEGER NOT NULL DEFAULT 0 CHECK (event_sequence >= 0),
    event_dtstamp      TEXT    NOT NULL CHECK (event_dtstamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (event_dtstamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(event_dtstamp) <= 27 AND substr(event_dtstamp, 21) NOT GLOB '*[^0-9]*')),
    organizer_email    TEXT    NULL,
    organizer_fullname TEXT    NOT NULL DEFAULT '',
    send_email         INTEGER NOT NULL DEFAULT 1 CHECK (send_email IN (0, 1))
);

-- delivery_state: Queued | Sent | Failed | Off | NoAddress | OptedOut (RFC 6638 SCHEDULE-STATUS, in words).
CREATE TABLE invitation_recipient (
    invitation_recipient_id INTEGER PRIMARY KEY AUTOINCREMENT,
    mother_id        INTEGER NOT NULL,
    person_id        INTEGER NOT NULL REFERENCES person (person_id),
    email            TEXT    NULL,
    send_email       INTEGER NOT NULL DEFAULT 1 CHECK (send_email IN (0, 1)),
    delivery_state   TEXT    NOT NULL CHECK (delivery_state IN ('Queued', 'Sent', 'Failed', 'Off', 'NoAddress', 'OptedOut')),
    delivery_error   TEXT    NULL,
    delivery_updated TEXT    NOT NULL CHECK (delivery_updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (delivery_updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(delivery_updated) <= 27 AND substr(delivery_updated, 21) NOT GLOB '*[^0-9]*')),
    reply_sequence   INTEGER NULL,
    reply_dtstamp    TEXT    NULL CHECK (reply_dtstamp IS NULL OR reply_dtstamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (reply_dtstamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(reply_dtstamp) <= 27 AND substr(reply_dtstamp, 21) NOT GLOB '*[^0-9]*')),
    UNIQUE (mother_id, person_id)
);

-- The durable outbox: each e-mail complete as composed in the transaction of the change that caused it.
-- state: Queued | Sent | Failed. next_attempt_at is also the lease of a message being sent.
CREATE TABLE imip_outbox (
    outbox_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    mother_id       INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,
    method          TEXT    NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
    recipient_email TEXT    NOT NULL,
    recipient_name  TEXT    NOT NULL,
    sender_name     TEXT    NOT NULL,
    reply_to        TEXT    NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    calendar        TEXT    NOT NULL,
    created_at      TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(created_at) <= 27 AND substr(created_at, 21) NOT GLOB '*[^0-9]*')),
    next_attempt_at TEXT    NOT NULL CHECK (next_attempt_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (next_attempt_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(next_attempt_at) <= 27 AND substr(next_attempt_at, 21) NOT GLOB '*[^0-9]*')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    state           TEXT    NOT NULL CHECK (state IN ('Queued', 'Sent', 'Failed')),
    last_error      TEXT    NULL,
    sent_at         TEXT    NULL CHECK (sent_at IS NULL OR sent_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (sent_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(sent_at) <= 27 AND substr(sent_at, 21) NOT GLOB '*[^0-9]*'))
);
CREATE INDEX ix_imip_outbox_due ON imip_outbox (state, next_attempt_at);
CREATE INDEX ix_imip_outbox_recipient ON imip_outbox (mother_id, person_id);

-- RSVP links: the SHA-256 of the secret, bound to one person of one meeting; valid until the meeting ends.
CREATE TABLE rsvp_token (
    token_hash TEXT    PRIMARY KEY,
    mother_id  INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    created_at TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(created_at) <= 27 AND substr(created_at, 21) NOT GLOB '*[^0-9]*'))
);
CREATE INDEX ix_rsvp_token_meeting ON rsvp_token (mother_id, person_id);

-- One secret feed address per associate; rotating replaces the row.
CREATE TABLE calendar_feed (
    associate_id INTEGER PRIMARY KEY REFERENCES associate (associate_id),
    token        TEXT    NOT NULL UNIQUE,
    created_at   TEXT    NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(created_at) <= 27 AND substr(created_at, 21) NOT GLOB '*[^0-9]*'))
);
