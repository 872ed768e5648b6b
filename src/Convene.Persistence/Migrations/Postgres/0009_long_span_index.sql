-- Issue 8: diary and busy-row reads find the rows that overlap a window from two short index ranges (OverlapSql):
-- rows of at most one day by (associate_id, do_by) from one day before the window, and the longer ones through this
-- partial index. Its predicate must stay word for word the one in OverlapSql.Condition (the planner matches it).
CREATE INDEX ix_appointment_long_span ON appointment (associate_id, do_by) WHERE end_date - do_by > interval '1 day';
