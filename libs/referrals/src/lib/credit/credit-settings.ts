import { CreditInputError, type CreditModel, type CreditSettings } from './credit.types';

export const DEFAULT_CREDIT_SETTINGS: CreditSettings = {
  model: 'candidate',
  ownershipWindowMonths: 12,
  priorApplicantWindowMonths: 6,
  excludedGroups: [],
};

// Ten years: anything longer is a typo, and it keeps month arithmetic far from Date's limits.
const MAX_WINDOW_MONTHS = 120;

const MODELS: readonly CreditModel[] = ['candidate', 'job'];

function months(value: number, min: number, path: string): number {
  if (!Number.isInteger(value) || value < min || value > MAX_WINDOW_MONTHS) {
    throw new CreditInputError(`${path} must be an integer from ${min} to ${MAX_WINDOW_MONTHS}`);
  }
  return value;
}

// Merges an organization's overrides onto the defaults and validates them; call it when HR
// saves settings so a bad value is refused there. decideCredit validates again.
export function resolveCreditSettings(input: Partial<CreditSettings> = {}): CreditSettings {
  const merged = { ...DEFAULT_CREDIT_SETTINGS, ...input };
  if (!MODELS.includes(merged.model)) {
    throw new CreditInputError(`model must be one of ${MODELS.join(', ')}`);
  }
  const excludedGroups = merged.excludedGroups.map((g) => g.trim());
  if (excludedGroups.some((g) => g === '')) {
    throw new CreditInputError('excludedGroups must not contain empty names');
  }
  return {
    model: merged.model,
    // An ownership window of 0 would credit every referral of the same person; the job model is
    // the setting for organizations that want that per job.
    ownershipWindowMonths: months(merged.ownershipWindowMonths, 1, 'ownershipWindowMonths'),
    priorApplicantWindowMonths: months(
      merged.priorApplicantWindowMonths,
      0,
      'priorApplicantWindowMonths',
    ),
    excludedGroups: [...new Set(excludedGroups)],
  };
}
