import { Foundation1763800000000 } from './1763800000000-foundation';
import { OutboxFailure1763900000000 } from './1763900000000-outbox-failure';
import { Ambassadors1764100000000 } from './1764100000000-ambassadors';
import { Notifications1764260000000 } from './1764260000000-notifications';
import { ChatRequests1764310000000 } from './1764310000000-chat-requests';
import { MailAttachments1764400000000 } from './1764400000000-mail-attachments';
import { Triage1764410000000 } from './1764410000000-triage';
import { Referrals1764500000000 } from './1764500000000-referrals';
import { Payouts1764600000000 } from './1764600000000-payouts';
import { AtsPush1764610000000 } from './1764610000000-ats-push';
import { ScreeningOrgModels1764620000000 } from './1764620000000-screening-org-models';
import { AtsHireCredit1764630000000 } from './1764630000000-ats-hire-credit';

/** Every migration, oldest first, as classes (bundles and jest find them; no globs). */
export const MIGRATIONS = [
  Foundation1763800000000,
  OutboxFailure1763900000000,
  Ambassadors1764100000000,
  Notifications1764260000000,
  ChatRequests1764310000000,
  MailAttachments1764400000000,
  Triage1764410000000,
  Referrals1764500000000,
  Payouts1764600000000,
  AtsPush1764610000000,
  ScreeningOrgModels1764620000000,
  AtsHireCredit1764630000000,
];
