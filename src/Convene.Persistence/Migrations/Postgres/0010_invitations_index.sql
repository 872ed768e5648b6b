-- Issue 8: an associate's invitations (statuses 5-13: bookings and assignments) without walking every row of the
-- diary. The invitations query (DiaryReader.GetInvitationRowsAsync) states "status >= 5" word for word, so that the
-- planner may use this partial index; it also gives the rows in the list's order (do_by). On the load benchmark's
-- data: 1.7-2.0 ms -> 0.7-0.8 ms per list on SQLite (135 invitations among ~600 rows of a diary).
CREATE INDEX ix_appointment_invitations ON appointment (associate_id, do_by) WHERE status >= 5;
