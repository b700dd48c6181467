import {
  DEFAULT_SCREENING_SETTINGS,
  resolveScreeningSettings,
  ScreeningSettingsError,
} from './settings';

describe('screening settings', () => {
  it('defaults to the documented limits', () => {
    const s = resolveScreeningSettings();
    expect(s).toEqual(DEFAULT_SCREENING_SETTINGS);
    expect(s.nearDuplicates).toEqual({
      maxOtherRecipients: 3,
      windowMinutes: 5,
      minSimilarity: 0.8,
    });
  });

  it('merges partial overrides onto the defaults', () => {
    const s = resolveScreeningSettings({ hardLimits: { maxOpenRequestsPerRequester: 5 } });
    expect(s.hardLimits.maxOpenRequestsPerRequester).toBe(5);
    expect(s.hardLimits.maxRequestsPerEmailPerHour).toBe(
      DEFAULT_SCREENING_SETTINGS.hardLimits.maxRequestsPerEmailPerHour,
    );
  });

  it('refuses invalid values with the setting named', () => {
    expect(() =>
      resolveScreeningSettings({ hardLimits: { maxOpenRequestsPerRequester: -1 } }),
    ).toThrow(/maxOpenRequestsPerRequester/);
    expect(() => resolveScreeningSettings({ specificity: { reviewBelow: 1.5 } })).toThrow(
      ScreeningSettingsError,
    );
    expect(() => resolveScreeningSettings({ classifier: { reviewThreshold: Number.NaN } })).toThrow(
      ScreeningSettingsError,
    );
    expect(() =>
      resolveScreeningSettings({ classifier: { reviewThreshold: 0.9, rejectThreshold: 0.5 } }),
    ).toThrow(/must not exceed/);
  });
});
