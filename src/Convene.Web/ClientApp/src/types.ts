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
