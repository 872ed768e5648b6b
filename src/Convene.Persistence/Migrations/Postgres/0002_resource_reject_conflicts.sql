-- Room policy RejectConflicts (issue 3): when true, a booking that would overlap another busy booking of this
-- resource is refused instead of flagged. Off by default, as in the seeds.
ALTER TABLE associate ADD COLUMN reject_conflicts boolean NOT NULL DEFAULT false;
