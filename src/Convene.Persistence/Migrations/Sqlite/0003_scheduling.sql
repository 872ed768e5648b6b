-- Convene schema v3 (SQLite): scheduling (issue 4). Working hours, resource capacity and tags, travel time
-- (the seeds' leadtime/lagtime) and saved group views.

-- How an associate's working hours are found: 0 the default for its kind (employees Mon–Fri 08:00–16:00 in
-- associate.time_zone, resources always available), 1 the rows of working_period, 2 always available.
ALTER TABLE associate ADD COLUMN working_hours_mode INTEGER NOT NULL DEFAULT 0 CHECK (working_hours_mode IN (0, 1, 2));
-- Resources: how many people a room seats, and comma-separated lower-case tags ('projector,whiteboard').
ALTER TABLE associate ADD COLUMN capacity INTEGER NULL CHECK (capacity IS NULL OR capacity BETWEEN 0 AND 100000);
ALTER TABLE associate ADD COLUMN tags TEXT NOT NULL DEFAULT '' CHECK (length(tags) <= 1000);

-- A weekly period in the associate's local time: day_of_week 1 = Monday .. 7 = Sunday (ISO 8601), minutes since
-- local midnight; end_minute 1440 is the end of the day.
CREATE TABLE working_period (
    associate_id INTEGER NOT NULL REFERENCES associate (associate_id) ON DELETE CASCADE,
    day_of_week  INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (associate_id, day_of_week, start_minute),
    CHECK (end_minute > start_minute)
);

-- Travel before and after a meeting, in minutes; they widen the time the row blocks (at most a day each).
ALTER TABLE appointment ADD COLUMN lead_time INTEGER NOT NULL DEFAULT 0 CHECK (lead_time BETWEEN 0 AND 1440);
ALTER TABLE appointment ADD COLUMN lag_time INTEGER NOT NULL DEFAULT 0 CHECK (lag_time BETWEEN 0 AND 1440);

-- Free/busy, first available and find-a-time read only these columns: the index answers them alone.
CREATE INDEX ix_appointment_busy ON appointment (associate_id, do_by, end_date, status, type, free_busy, lead_time, lag_time);

-- Saved group views (the seeds' "View" tab): named, ordered sets of associates and resources, per owner.
CREATE TABLE group_view (
    group_view_id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id      INTEGER NOT NULL REFERENCES associate (associate_id),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    registered    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (registered GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(registered) <= 27 AND substr(registered, 21) NOT GLOB '*[^0-9]*')),
    updated       TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]' OR (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9]*' AND length(updated) <= 27 AND substr(updated, 21) NOT GLOB '*[^0-9]*')),
    UNIQUE (owner_id, name)
);

CREATE TABLE group_view_member (
    group_view_id INTEGER NOT NULL REFERENCES group_view (group_view_id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    associate_id  INTEGER NOT NULL REFERENCES associate (associate_id),
    PRIMARY KEY (group_view_id, position),
    UNIQUE (group_view_id, associate_id)
);
