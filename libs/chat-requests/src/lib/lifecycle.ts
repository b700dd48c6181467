import { DomainError } from '@peerline/http-kit';
import type { ChatRequestStatus } from './chat-request.states';
import type { ChatRequestRecord } from './chat-request.types';
import type { ChatSlot } from './triage-mails.service';

/** Why an action is refused, in the requester's state's own words. */
const STATE_EXPLAINED: Partial<Record<ChatRequestStatus, string>> = {
  delivered: 'the request has not been accepted yet',
  accepted: 'no time has been scheduled yet',
  scheduled: 'the chat is scheduled and has not happened yet',
  completed: 'the chat is already completed',
  no_show: 'the chat was marked as a no-show',
  cancelled: 'the chat was cancelled',
  declined: 'the request was already declined',
  expired: 'the request expired without an answer',
  withdrawn: 'the requester withdrew the request',
};

export function illegalTransition(status: ChatRequestStatus, action: string): DomainError {
  const why = STATE_EXPLAINED[status] ?? 'the request is not in a state that allows this';
  return new DomainError('ILLEGAL_TRANSITION', `You cannot ${action} now: ${why}.`, 409, {
    status,
    action,
  });
}

export function slotOf(request: ChatRequestRecord): ChatSlot | null {
  if (request.status !== 'scheduled' || !request.startsAt || request.durationMinutes === null) {
    return null;
  }
  return {
    startsAt: request.startsAt,
    durationMinutes: request.durationMinutes,
    meetingUrl: request.meetingUrl,
    sequence: request.scheduleSequence,
  };
}
