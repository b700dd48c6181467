import type { ReferralActor, ReferralStatus, ReferralType } from './referral.states';

export type JobStatus = 'open' | 'closed';

export interface JobRecord {
  id: string;
  organizationId: string;
  title: string;
  department: string | null;
  level: string | null;
  location: string | null;
  atsJobId: string | null;
  hiringManagerId: string | null;
  recruiterId: string | null;
  status: JobStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewJob {
  title: string;
  department: string | null;
  level: string | null;
  location: string | null;
  atsJobId: string | null;
  hiringManagerId: string | null;
  recruiterId: string | null;
  status: JobStatus;
}

export interface Endorsement {
  relationship: string;
  knownForMonths: number | null;
  skills: string[];
  evidence: string | null;
  statement: string;
}

export type CreditStatus = 'credited' | 'duplicate' | 'ineligible';

export interface ReferralRecord {
  id: string;
  organizationId: string;
  jobId: string;
  jobTitle: string;
  referrerId: string;
  referrerName: string;
  referrerEmail: string;
  type: ReferralType;
  chatRequestId: string | null;
  candidateName: string;
  candidateEmail: string;
  candidateLinks: string[];
  endorsement: Endorsement;
  status: ReferralStatus;
  closingReason: string | null;
  creditStatus: CreditStatus | null;
  creditRule: string | null;
  creditExplanation: string | null;
  creditOwnerReferralId: string | null;
  consentExpiresAt: Date;
  consentedAt: Date | null;
  closingNoteOptIn: boolean;
  submittedAt: Date | null;
  atsCandidateId: string | null;
  atsApplicationId: string | null;
  hiredAt: Date | null;
  startDate: string | null;
  unhiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewReferral {
  jobId: string;
  referrerId: string;
  type: ReferralType;
  chatRequestId: string | null;
  candidateName: string;
  candidateEmail: string;
  candidateLinks: string[];
  endorsement: Endorsement;
  consentTokenHash: string;
  consentExpiresAt: Date;
}

export interface ReferralTransition {
  from: ReferralStatus;
  to: ReferralStatus;
  actor: ReferralActor;
  reason: string | null;
  set?: {
    closingReason?: string | null;
    consented?: { optIn: boolean };
    /** When the referral became valid (the decision time, taken under the candidate lock). */
    submitted?: Date;
    credit?: {
      status: CreditStatus;
      rule: string;
      explanation: string;
      ownerReferralId: string | null;
    };
  };
}

export interface ReferralSettingsRecord {
  creditModel: 'candidate' | 'job';
  ownershipWindowMonths: number;
  priorApplicantWindowMonths: number;
  excludedGroups: string[];
}

export interface HistoryEntry {
  from: ReferralStatus | null;
  to: ReferralStatus;
  reason: string | null;
  at: Date;
}

export interface DisputeRecord {
  id: string;
  organizationId: string;
  referralId: string;
  openedBy: string;
  reason: string;
  status: 'open' | 'upheld' | 'overturned';
  resolvedBy: string | null;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

export interface ListCursor {
  at: string;
  id: string;
}
