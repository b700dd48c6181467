import disposableDomains from 'disposable-email-domains';
import disposableWildcards from 'disposable-email-domains/wildcard';

/** Lower case and trimmed: one requester per organization and address, however it was typed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailDomain(normalizedEmail: string): string {
  const at = normalizedEmail.lastIndexOf('@');
  return at < 0 ? '' : normalizedEmail.slice(at + 1);
}

export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@+/u, '').replace(/\.+$/u, '');
}

// ~120k domains, loaded once per process; the wildcard list also covers every subdomain.
let exact: ReadonlySet<string> | undefined;
let wildcard: ReadonlySet<string> | undefined;

export function isDisposableDomain(domain: string): boolean {
  exact ??= new Set(disposableDomains);
  wildcard ??= new Set(disposableWildcards);
  const d = normalizeDomain(domain);
  if (exact.has(d)) return true;
  const parts = d.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    if (wildcard.has(parts.slice(i).join('.'))) return true;
  }
  return false;
}

/** The domain and each parent domain (mail.evil.example → evil.example, example). */
export function domainAndParents(domain: string): string[] {
  const parts = normalizeDomain(domain)
    .split('.')
    .filter((p) => p.length > 0);
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.slice(i).join('.'));
  return out;
}
