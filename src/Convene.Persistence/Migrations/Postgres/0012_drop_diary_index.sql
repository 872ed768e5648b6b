-- Issue 8: ix_appointment_diary (associate_id, do_by, end_date) is the leading part of ix_appointment_busy, which serves
-- every query it served; keeping both made each appointment row written update one more index page at a random place.
DROP INDEX ix_appointment_diary;
