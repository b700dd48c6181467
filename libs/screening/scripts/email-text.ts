// Turns a raw RFC 822 message from the corpus into what a person would read: the subject and the
// decoded body text. Headers are dropped on purpose: the classifier scores requests typed into a
// form, which have no Received: lines or X-Mailer, so learning from headers would inflate the
// corpus figures and teach the model nothing it can use.

interface Part {
  readonly headers: Map<string, string>;
  readonly body: string;
}

function splitMessage(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, '\n');
  const cut = normalized.indexOf('\n\n');
  const head = cut === -1 ? normalized : normalized.slice(0, cut);
  const body = cut === -1 ? '' : normalized.slice(cut + 2);
  const headers = new Map<string, string>();
  let lastKey: string | null = null;
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && lastKey !== null) {
      headers.set(lastKey, `${headers.get(lastKey) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lastKey = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(lastKey)) headers.set(lastKey, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function charsetOf(contentType: string): BufferEncoding {
  const match = /charset="?([\w-]+)"?/i.exec(contentType);
  const charset = match?.[1]?.toLowerCase() ?? '';
  return charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1';
}

function decodeQuotedPrintable(text: string, encoding: BufferEncoding): string {
  const joined = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 61 && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 256) bytes.push(c);
    else bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString(encoding);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const charset = charsetOf(part.headers.get('content-type') ?? '');
  if (encoding.includes('base64')) {
    return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString(charset);
  }
  if (encoding.includes('quoted-printable')) return decodeQuotedPrintable(part.body, charset);
  return part.body;
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

export function htmlToText(html: string): string {
  const hrefs: string[] = [];
  for (const match of html.matchAll(/href\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi))
    hrefs.push(match[1] ?? '');
  const text = html
    .replace(/<(style|script)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|p|div|tr|li|h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16) || 32);
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10) || 32);
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
  // Links a reader would click are part of what the message says (requests carry theirs as text).
  return hrefs.length > 0 ? `${text}\n${[...new Set(hrefs)].slice(0, 20).join('\n')}` : text;
}

function partText(part: Part, depth: number): string {
  const contentType = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (contentType.startsWith('multipart/') && depth < 5) {
    const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
    if (boundary === undefined) return part.body;
    const pieces = part.body.split(`--${boundary}`).slice(1);
    const parts = pieces
      .filter((p) => !p.startsWith('--'))
      .map((p) => splitMessage(p.replace(/^\n/, '')));
    const plain = parts.filter((p) =>
      (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'),
    );
    // multipart/alternative carries the same text twice; read the plain one when there is one.
    const chosen =
      contentType.startsWith('multipart/alternative') && plain.length > 0 ? plain : parts;
    return chosen.map((p) => partText(p, depth + 1)).join('\n');
  }
  if (!contentType.startsWith('text/')) return '';
  const decoded = decodeBody(part);
  return contentType.startsWith('text/html') ||
    /<html|<body|<table|<font/i.test(decoded.slice(0, 2000))
    ? htmlToText(decoded)
    : decoded;
}

function decodeEncodedWords(header: string): string {
  return header.replace(
    /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi,
    (_, charset: string, kind: string, data: string) => {
      const encoding: BufferEncoding = charset.toLowerCase().startsWith('utf') ? 'utf8' : 'latin1';
      if (kind.toLowerCase() === 'b') return Buffer.from(data, 'base64').toString(encoding);
      return decodeQuotedPrintable(data.replace(/_/g, ' '), encoding);
    },
  );
}

export function emailToText(raw: string): string {
  const message = splitMessage(raw);
  const subject = decodeEncodedWords(message.headers.get('subject') ?? '');
  const body = partText(message, 0)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
  return `${subject}\n\n${body}`;
}
