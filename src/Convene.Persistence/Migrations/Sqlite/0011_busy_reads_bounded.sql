-- Issue 8 (docs/adr/0027-sqlite-busy-reads-from-bounded-ranges.md): busy-row reads (conflict flag, first available,
-- free/busy, find a time) on SQLite read a UNION ALL of two bounded index ranges (OverlapSql.Select): rows of at most
-- one day from (associate_id, do_by) starting one day before the window, longer ones through the partial index below,
-- whose predicate the query repeats word for word (SQLite uses a partial index only for a query that states it).
CREATE INDEX ix_appointment_long_span ON appointment (associate_id, do_by) WHERE julianday(end_date) - julianday(do_by) > 1.0;

-- mother_id joins the busy index, so the short range is read from the index alone (no table row per busy row): on the
-- load benchmark's data a week of five diaries went from 61 pages read to 9.
DROP INDEX ix_appointment_busy;
CREATE INDEX ix_appointment_busy ON appointment (associate_id, do_by, end_date, status, type, free_busy, lead_time, lag_time, mother_id);
