/**
 * The two layouts every message is drawn in. Table-based HTML with inline styles, because mail
 * clients (Outlook, Gmail) ignore <style> blocks and modern layout; one partial per block kind.
 * Handlebars escapes every {{value}} in the HTML environment; the text environment compiles with
 * noEscape, since a text/plain body must show "&" as "&".
 */
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export const HTML_PARTIALS: Readonly<Record<string, string>> = {
  paragraph: `<p style="margin:0 0 16px;font-size:15px;line-height:1.55;color:#1f2937;${FONT}">{{text}}</p>`,
  action: `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px"><tr><td style="border-radius:6px;background:#1d4ed8"><a href="{{url}}" style="display:inline-block;padding:10px 18px;font-size:15px;font-weight:600;color:#ffffff;text-decoration:none;${FONT}">{{label}}</a></td></tr></table>`,
  facts: `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="margin:0 0 16px;border-collapse:collapse">{{#each items}}<tr><td style="padding:6px 12px 6px 0;vertical-align:top;width:35%;font-size:14px;color:#6b7280;${FONT}">{{label}}</td><td style="padding:6px 0;vertical-align:top;font-size:14px;color:#111827;${FONT}">{{value}}</td></tr>{{/each}}</table>`,
  quote: `<blockquote style="margin:0 0 16px;padding:8px 14px;border-left:3px solid #d1d5db;font-size:15px;line-height:1.5;color:#374151;white-space:pre-line;${FONT}">{{text}}</blockquote>`,
  list: `<ul style="margin:0 0 16px;padding-left:20px">{{#each items}}<li style="margin:0 0 8px;font-size:15px;line-height:1.45;color:#1f2937;${FONT}">{{#if url}}<a href="{{url}}" style="color:#1d4ed8">{{title}}</a>{{else}}{{title}}{{/if}}{{#if detail}}<br><span style="font-size:13px;color:#6b7280">{{detail}}</span>{{/if}}</li>{{/each}}</ul>`,
  note: `<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#6b7280;${FONT}">{{text}}</p>`,
};

export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">{{preheader}}</div>
<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="max-width:600px;background:#ffffff;border-radius:8px"><tr><td style="padding:28px 32px">
<p style="margin:0 0 20px;font-size:13px;font-weight:700;letter-spacing:.04em;color:#1d4ed8;${FONT}">PEERLINE · {{organizationName}}</p>
<p style="margin:0 0 16px;font-size:15px;color:#1f2937;${FONT}">{{greeting}}</p>
{{#each blocks}}{{> (lookup . "kind") }}
{{/each}}
</td></tr></table>
<p style="margin:16px 0 0;max-width:600px;font-size:12px;line-height:1.5;color:#9ca3af;${FONT}">{{footer}}{{#if preferencesUrl}} <a href="{{preferencesUrl}}" style="color:#6b7280">Notification preferences</a>{{/if}}</p>
</td></tr></table>
</body>
</html>
`;

export const TEXT_PARTIALS: Readonly<Record<string, string>> = {
  paragraph: `{{wrap text}}\n\n`,
  action: `{{label}}:\n{{url}}\n\n`,
  facts: `{{#each items}}{{fact label value}}\n{{/each}}{{nl}}`,
  quote: `{{quote text}}\n\n`,
  list: `{{#each items}}- {{title}}{{#if detail}} ({{detail}}){{/if}}{{#if url}}\n  {{url}}{{/if}}\n{{/each}}{{nl}}`,
  note: `{{wrap text}}\n\n`,
};

export const TEXT_LAYOUT = `{{greeting}}\n\n{{#each blocks}}{{> (lookup . "kind") }}{{/each}}-- \nPeerline · {{organizationName}}\n{{wrap footer}}{{#if preferencesUrl}}\nNotification preferences: {{preferencesUrl}}{{/if}}\n`;
