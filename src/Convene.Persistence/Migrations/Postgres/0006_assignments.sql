-- Issue 9: assignments (statuses 11–13 and a change of owner) add two notification kinds: OrganizerChanged
-- ("New organizer") and Assigned ("Assigned to you"). The CHECK from 0001 has PostgreSQL's default name.
ALTER TABLE notification DROP CONSTRAINT IF EXISTS notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
    CHECK (kind IN ('NewMeeting', 'MeetingChanged', 'MeetingCancelled', 'InvitationDeclined', 'OrganizerChanged', 'Assigned'));

-- Meetings an associate owns, or has assigned and still holds (assigned_by while 11/12): what deactivating them lists.
CREATE INDEX ix_appointment_assigned_by ON appointment (assigned_by) WHERE assigned_by IS NOT NULL;
