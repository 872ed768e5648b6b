// The HTTP API's shapes (README "HTTP API"); the browser app uses the public API only.

export interface Associate {
  id: number;
  name: string;
  userName: string | null;
  kind: 'Employee' | 'Resource';
  isLocation: boolean;
  email: string | null;
  isAdministrator: boolean;
  active: boolean;
  timeZone: string;
}

export interface Session {
  associate: Associate | null;
  csrfToken: string;
}

export interface Contact {
  id: number;
  name: string;
  active: boolean;
}

export interface Person {
  id: number;
  name: string;
  contactId: number;
  email: string | null;
  active: boolean;
}

export type ParticipantKind = 'Owner' | 'Associate' | 'Resource' | 'Person';
export type ParticipantStatus = 'Owner' | 'Accepted' | 'NotSeen' | 'Seen' | 'Moved' | 'MovedSeen' | 'Declined' | 'Cancelled' | 'Assigned' | 'AssignmentSeen';

export interface Participant {
  rowId: number;
  kind: ParticipantKind;
  associateId: number | null;
  personId: number | null;
  name: string;
  status: ParticipantStatus | string;
  statusCode: number;
  rejectReason: string | null;
  conflict: boolean;
  active: boolean;
}

export interface Appointment {
  id: number;
  ownerId: number;
  ownerName: string;
  title: string;
  description: string;
  location: string | null;
  start: string;
  end: string;
  private: boolean;
  free: boolean;
  rejectCounter: number;
  cancelled: boolean;
  hasConflict: boolean;
  participants: Participant[];
  /** Issue 4 (scheduling) adds it: the first time every participant is free; absent until then. */
  firstAvailable?: string | { start: string; end?: string } | null;
  /** Issue 7: a date of a repeating meeting carries its series' zone, RFC 5545 lines, rule id and original start. */
  timeZone?: string | null;
  recurrence?: string[] | null;
  recurrenceRuleId?: number | null;
  originalStart?: string | null;
  /** Only on create: every date of the new series with its conflicts. */
  occurrences?: Occurrence[] | null;
}

/** One date of a series (POST /appointments and /appointments/validate; the seeds' ValidateDays). */
export interface Occurrence {
  appointmentId: number;
  originalStart: string;
  start: string;
  end: string;
  cancelled: boolean;
  conflict: boolean;
  conflicts: string[];
}

export interface SeriesValidation {
  timeZone: string;
  count: number;
  hasConflict: boolean;
  occurrences: Occurrence[];
}

/** GET /invitations: one entry per meeting, or per series with its dates (the seeds' "Show repetitions"). */
export interface Invitation {
  rowId: number;
  appointmentId: number;
  ownerId: number;
  ownerName: string;
  title: string;
  location: string | null;
  start: string;
  end: string;
  private: boolean;
  status: string;
  statusCode: number;
  rejectReason: string | null;
  recurrenceRuleId: number | null;
  dates: InvitationDate[] | null;
}

export interface InvitationDate {
  rowId: number;
  appointmentId: number;
  originalStart: string;
  start: string;
  end: string;
  status: string;
  statusCode: number;
  rejectReason: string | null;
}

export interface DiaryEntry {
  rowId: number;
  appointmentId: number | null;
  associateId: number;
  ownerId: number | null;
  title: string | null;
  location: string | null;
  start: string;
  end: string;
  private: boolean;
  free: boolean;
  busyOnly: boolean;
  pending: boolean;
  status: string;
  statusCode: number;
}

export type NotificationKind = 'NewMeeting' | 'MeetingChanged' | 'MeetingCancelled' | 'InvitationDeclined' | 'OrganizerChanged' | 'Assigned';

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  appointmentId: number;
  rowId: number;
  createdAt: string;
  text: string;
}

/** A participant chosen in the picker: an employee or resource (associateId) or a contact person (personId). */
export interface Candidate {
  key: string;
  kind: 'Associate' | 'Resource' | 'Person';
  associateId?: number;
  personId?: number;
  name: string;
  detail: string;
}

export interface GroupView {
  id: number;
  name: string;
  memberIds: number[];
  updated: string;
}

export interface GroupViewMember {
  associateId: number;
  name: string;
  kind: string;
  entries: DiaryEntry[];
}

export interface GroupViewDiary {
  id: number;
  name: string;
  from: string;
  to: string;
  members: GroupViewMember[];
}

export interface Activity {
  appointmentId: number;
  ownerId: number;
  ownerName: string;
  title: string | null;
  location: string | null;
  start: string;
  end: string;
  busyOnly: boolean;
  persons: Array<{ personId: number; name: string }>;
}
