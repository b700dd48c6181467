import { trancheLabel } from './payout-notices';

describe('trancheLabel', () => {
  it('names a tranche by its place, with its share', () => {
    expect(trancheLabel({ trancheIndex: 0, trancheCount: 2, percent: 50 })).toBe(
      'first tranche (50%)',
    );
    expect(trancheLabel({ trancheIndex: 2, trancheCount: 3, percent: 20 })).toBe(
      'third tranche (20%)',
    );
  });

  it('falls back to "tranche N of M" past the named ones, and calls a single payment the bonus', () => {
    expect(trancheLabel({ trancheIndex: 7, trancheCount: 8, percent: 5 })).toBe(
      'tranche 8 of 8 (5%)',
    );
    expect(trancheLabel({ trancheIndex: 0, trancheCount: 1, percent: 100 })).toBe('bonus (100%)');
  });
});
