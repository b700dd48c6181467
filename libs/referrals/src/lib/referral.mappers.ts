import type { DisputeDto, ReferralDto } from './dto/referral.dto';
import type { DisputeRecord, HistoryEntry, ReferralRecord } from './referral.types';

export function toDisputeDto(d: DisputeRecord): DisputeDto {
  return {
    id: d.id,
    referralId: d.referralId,
    reason: d.reason,
    status: d.status,
    resolutionNote: d.resolutionNote,
    resolvedAt: d.resolvedAt ? d.resolvedAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
  };
}

export function toReferralDto(
  r: ReferralRecord,
  history: readonly HistoryEntry[],
  disputes: readonly DisputeRecord[],
): ReferralDto {
  return {
    id: r.id,
    jobId: r.jobId,
    jobTitle: r.jobTitle,
    type: r.type,
    chatRequestId: r.chatRequestId,
    referrer: { id: r.referrerId, name: r.referrerName },
    candidate: { name: r.candidateName, email: r.candidateEmail, links: r.candidateLinks },
    status: r.status,
    closingReason: r.closingReason,
    credit: {
      eligible: r.creditStatus === 'credited',
      status: r.creditStatus,
      rule: r.creditRule,
      explanation: r.creditExplanation,
    },
    timeline: history.map((h) => ({ status: h.to, reason: h.reason, at: h.at.toISOString() })),
    disputes: disputes.map(toDisputeDto),
    createdAt: r.createdAt.toISOString(),
  };
}
