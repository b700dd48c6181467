import type { CandidateKey } from './credit.types';

// Normalizes a candidate e-mail: trim, Unicode NFC, lower case (locale-independent).
// What is deliberately NOT folded, and why:
// - plus tags (ana+jobs@…) and Gmail dots (a.na@gmail.com): both are provider conventions, not
//   e-mail rules. On a company domain "j.smith" and "jsmith" may be two people, and Peerline
//   would then deny someone credit for a stranger. A person who really uses two spellings is
//   joined by the ATS candidate id once the ATS sees them (or by a merge), and HR can settle it
//   in a dispute; a wrong join cannot be noticed by anyone.
// - Unicode domains vs their punycode form (bücher.example vs xn--bcher-kva.example): both
//   spellings are rare in practice and converting needs an IDNA table this pure lib avoids.
// - Display names or angle brackets ("Ana <ana@x>"): the caller stores a bare address.
// Lower-casing the local part is technically lossy (RFC 5321 lets it be case-sensitive), but no
// mainstream provider distinguishes case, and people type their address in any case.
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

function atsIds(key: CandidateKey): string[] {
  return key.atsCandidateIds.map((id) => id.trim()).filter((id) => id !== '');
}

// Same person when the normalized e-mails are equal, or when any ATS candidate id is shared:
// a merge in the ATS gives two addresses one candidate id, and that is how attribution is
// re-keyed. An empty e-mail (e.g. after erasure) never matches by e-mail.
export function sameCandidate(a: CandidateKey, b: CandidateKey): boolean {
  const emailA = normalizeEmail(a.email);
  if (emailA !== '' && emailA === normalizeEmail(b.email)) return true;
  const idsA = new Set(atsIds(a));
  return atsIds(b).some((id) => idsA.has(id));
}

// The identity of one person grown transitively over the given keys: if A shares an e-mail with
// B and B shares an ATS id with C, all three are the same person even though A and C share
// nothing directly.
export class CandidateIdentity {
  private readonly emails = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(seed: CandidateKey, others: readonly CandidateKey[]) {
    this.add(seed);
    const pending = [...others];
    let grew = true;
    while (grew) {
      grew = false;
      for (let i = pending.length - 1; i >= 0; i--) {
        if (this.matches(pending[i])) {
          this.add(pending[i]);
          pending.splice(i, 1);
          grew = true;
        }
      }
    }
  }

  matches(key: CandidateKey): boolean {
    const email = normalizeEmail(key.email);
    return (email !== '' && this.emails.has(email)) || atsIds(key).some((id) => this.ids.has(id));
  }

  hasEmail(raw: string): boolean {
    const email = normalizeEmail(raw);
    return email !== '' && this.emails.has(email);
  }

  private add(key: CandidateKey): void {
    const email = normalizeEmail(key.email);
    if (email !== '') this.emails.add(email);
    for (const id of atsIds(key)) this.ids.add(id);
  }
}
