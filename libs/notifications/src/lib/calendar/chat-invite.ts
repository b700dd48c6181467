import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { isValidTimeZone } from '../templates/message-formatter';

export type ChatInviteMethod = 'REQUEST' | 'CANCEL';

export interface ChatInviteParty {
  name: string;
  email: string;
}

export interface ChatInviteInput {
  /** Stable per chat, e.g. `<requestId>@peerline`: an update or a cancellation replaces the event. */
  uid: string;
  /** iCalendar SEQUENCE: must grow with every reschedule and with the cancellation. */
  sequence: number;
  method: ChatInviteMethod;
  startsAt: Date;
  durationMinutes: number;
  /** IANA zone of the organizer (the ambassador), e.g. 'Europe/Berlin'. */
  timeZone: string;
  summary: string;
  description: string;
  url?: string | null;
  organizer: ChatInviteParty;
  attendees: readonly ChatInviteParty[];
}

const ADDRESS = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+$/;
const SAFE_URL = /^https?:\/\/[^\s]+$/i;
/** A chat is a conversation, not a conference: anything longer is a caller's bug. */
const MAX_DURATION_MINUTES = 8 * 60;

/**
 * An iMIP invitation (RFC 5545 text for RFC 6047 mail) for one peer chat: METHOD:REQUEST for a
 * new or moved slot, METHOD:CANCEL (STATUS:CANCELLED, same UID, higher SEQUENCE) to remove it.
 *
 * Times: DTSTART/DTEND are written in UTC ("…Z"). A chat is a single, non-recurring event, so a
 * UTC instant is exact, and Google Calendar, Outlook and Apple Calendar all show it in the
 * viewer's own zone without a time-zone definition. Local time with TZID=Europe/Berlin would be
 * correct only with an embedded VTIMEZONE (RFC 5545 requires one per TZID, and Outlook does
 * not resolve IANA names without it); the generator ical-generator suggests (@touch4it/ical-timezones)
 * ships rules from tz 2018g, so a zone whose DST rules changed since would move the chat by an
 * hour. ical-generator's `timezone` option without a generator is worse: it writes a plain Date
 * in the server process's zone and a floating DTSTAMP.
 * The organizer's zone still travels with the event as X-PEERLINE-TZID (an x-prop, which every
 * client ignores): X-WR-TIMEZONE is a calendar property, ical-generator would write it after the
 * VEVENT where RFC 5545's grammar does not allow it, and clients apply it to floating times only.
 */
export function buildChatInvite(input: ChatInviteInput): string {
  validate(input);
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Peerline', product: 'Peer chats', language: 'EN' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const url = input.url ?? null;
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    start: input.startsAt,
    end: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
    summary: input.summary,
    description: input.description,
    url,
    // Clients show LOCATION as a clickable link; URL alone is hidden by Google and Outlook.
    location: url,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: input.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      // A cancellation asks for no answer.
      rsvp: !cancel,
    })),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
    // An unknown zone is left out rather than failing the command: the times do not depend on it.
    x: isValidTimeZone(input.timeZone) ? [['X-PEERLINE-TZID', input.timeZone]] : [],
  });
  return calendar.toString();
}

// Programming errors, not user input errors: the caller builds the invite from stored data.
function validate(input: ChatInviteInput): void {
  if (input.uid.length === 0 || input.uid.length > 255 || /\s/.test(input.uid)) {
    throw new Error('buildChatInvite: uid must be 1 to 255 characters without spaces');
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new Error('buildChatInvite: sequence must be a non-negative integer');
  }
  // The REQUEST it cancels had at least SEQUENCE 0; a CANCEL must be a later revision.
  if (input.method === 'CANCEL' && input.sequence < 1) {
    throw new Error('buildChatInvite: a CANCEL needs a higher sequence than the invite it cancels');
  }
  if (input.method !== 'REQUEST' && input.method !== 'CANCEL') {
    throw new Error('buildChatInvite: method must be REQUEST or CANCEL');
  }
  if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) {
    throw new Error('buildChatInvite: startsAt must be a valid date');
  }
  if (
    !Number.isInteger(input.durationMinutes) ||
    input.durationMinutes < 1 ||
    input.durationMinutes > MAX_DURATION_MINUTES
  ) {
    throw new Error(
      `buildChatInvite: durationMinutes must be an integer from 1 to ${MAX_DURATION_MINUTES}`,
    );
  }
  if (input.url != null && !SAFE_URL.test(input.url)) {
    throw new Error('buildChatInvite: url must be an http(s) URL');
  }
  if (input.attendees.length === 0) throw new Error('buildChatInvite: no attendees');
  for (const party of [input.organizer, ...input.attendees]) {
    if (party.email.length > 320 || !ADDRESS.test(party.email)) {
      throw new Error('buildChatInvite: invalid organizer or attendee address');
    }
  }
}
