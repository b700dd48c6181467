/** The database stores addresses in lower case (a CHECK enforces it); so does every lookup. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeSlug(slug: string): string {
  return slug.trim().toLowerCase();
}
