-- Room policy RejectConflicts (issue 3): when 1, a booking that would overlap another busy booking of this resource
-- is refused instead of flagged. Off by default, as in the seeds.
ALTER TABLE associate ADD COLUMN reject_conflicts INTEGER NOT NULL DEFAULT 0 CHECK (reject_conflicts IN (0, 1));
