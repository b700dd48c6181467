import type { JobName, JobPayloads } from '@peerline/contracts';

type PayloadValidators = { readonly [J in JobName]: (value: unknown) => value is JobPayloads[J] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4_MAX = 2_147_483_647;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * One shape check per job name. The mapped type makes a new job in the contracts registry fail to
 * compile until it has a validator here. Unknown extra keys are accepted, so a producer can add a
 * field before every worker knows it.
 */
export const JOB_PAYLOAD_VALIDATORS: PayloadValidators = {
  'mail.send': (v): v is JobPayloads['mail.send'] => isRecord(v) && isUuid(v.messageId),
  'notification.webhook': (v): v is JobPayloads['notification.webhook'] =>
    isRecord(v) && isUuid(v.deliveryId),
  'ats.process-event': (v): v is JobPayloads['ats.process-event'] =>
    isRecord(v) && isUuid(v.eventId),
  'referral.hired': (v): v is JobPayloads['referral.hired'] => isRecord(v) && isUuid(v.referralId),
  'referral.unhired': (v): v is JobPayloads['referral.unhired'] =>
    isRecord(v) && isUuid(v.referralId),
  'referrals.push': (v): v is JobPayloads['referrals.push'] => isRecord(v) && isUuid(v.referralId),
  'payouts.schedule-tranches': (v): v is JobPayloads['payouts.schedule-tranches'] =>
    isRecord(v) && isUuid(v.referralId),
  'payouts.cancel-tranches': (v): v is JobPayloads['payouts.cancel-tranches'] =>
    isRecord(v) && isUuid(v.referralId),
  'system.probe': (v): v is JobPayloads['system.probe'] =>
    isRecord(v) &&
    isUuid(v.probeId) &&
    typeof v.seq === 'number' &&
    Number.isInteger(v.seq) &&
    v.seq >= 0 &&
    v.seq <= INT4_MAX,
};

export function isValidPayload<J extends JobName>(job: J, value: unknown): value is JobPayloads[J] {
  const validate: (v: unknown) => boolean = JOB_PAYLOAD_VALIDATORS[job];
  return validate(value);
}
