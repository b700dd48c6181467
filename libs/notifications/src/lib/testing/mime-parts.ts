/** A leaf part of a MIME message, decoded: for tests that look inside what was sent. */
export interface MimePart {
  /** Lower-cased header names, folded lines joined. */
  headers: Map<string, string>;
  contentType: string;
  body: string;
}

/** The header block of a message or part (lower-cased names) and what follows the blank line. */
export function splitMime(raw: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** Every leaf part of a message, depth first, bodies decoded from base64 or quoted-printable. */
export function mimeLeaves(raw: string): MimePart[] {
  const { headers, body } = splitMime(raw);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const parts: MimePart[] = [];
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      parts.push(...mimeLeaves(part.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    }
    return parts;
  }
  return [
    {
      headers,
      contentType,
      body: decode(body, headers.get('content-transfer-encoding') ?? '7bit'),
    },
  ];
}
