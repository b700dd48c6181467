import { DEFAULT_CREDIT_SETTINGS, resolveCreditSettings } from './credit-settings';

describe('resolveCreditSettings', () => {
  it('defaults to the candidate model, 12-month ownership and a 6-month prior-applicant window', () => {
    expect(resolveCreditSettings()).toEqual({
      model: 'candidate',
      ownershipWindowMonths: 12,
      priorApplicantWindowMonths: 6,
      excludedGroups: [],
    });
    expect(DEFAULT_CREDIT_SETTINGS).toEqual(resolveCreditSettings());
  });

  it('trims and de-duplicates excluded groups', () => {
    expect(
      resolveCreditSettings({ excludedGroups: [' hr ', 'hr', 'talent'] }).excludedGroups,
    ).toEqual(['hr', 'talent']);
  });

  it.each([
    ['an unknown model', { model: 'team' as never }, /model/],
    ['a zero ownership window', { ownershipWindowMonths: 0 }, /ownershipWindowMonths/],
    ['a fractional ownership window', { ownershipWindowMonths: 1.5 }, /ownershipWindowMonths/],
    ['a window beyond ten years', { ownershipWindowMonths: 121 }, /ownershipWindowMonths/],
    [
      'a negative prior-applicant window',
      { priorApplicantWindowMonths: -1 },
      /priorApplicantWindowMonths/,
    ],
    ['an empty group name', { excludedGroups: [' '] }, /excludedGroups/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => resolveCreditSettings(input)).toThrow(message);
  });
});
