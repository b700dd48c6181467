/**
 * Topics are tags that requesters filter and match on, so every spelling of one technology must
 * become the same tag: lower case, words joined by '-', and a small curated synonym table. The
 * table is deliberately short: an entry only when the short form is unambiguous in our domain
 * (`tf` could be Terraform or TensorFlow, so it is not here).
 */
export const TOPIC_SYNONYMS: Readonly<Record<string, string>> = {
  k8s: 'kubernetes',
  kube: 'kubernetes',
  js: 'javascript',
  ecmascript: 'javascript',
  ts: 'typescript',
  golang: 'go',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  pg: 'postgresql',
  psql: 'postgresql',
  reactjs: 'react',
  'react.js': 'react',
  nodejs: 'node.js',
  node: 'node.js',
  vuejs: 'vue',
  'vue.js': 'vue',
  nextjs: 'next.js',
  py: 'python',
  python3: 'python',
  rustlang: 'rust',
  cpp: 'c++',
  csharp: 'c#',
  'c-sharp': 'c#',
  dotnet: '.net',
  ml: 'machine-learning',
  otel: 'opentelemetry',
  'open-telemetry': 'opentelemetry',
  tracing: 'distributed-tracing',
  'ci-cd': 'ci-cd',
  cicd: 'ci-cd',
  'google-cloud': 'gcp',
  'amazon-web-services': 'aws',
  'site-reliability-engineering': 'sre',
};

export const TOPIC_MAX_LENGTH = 40;

/** One tag, or null when nothing usable is left (only punctuation, or too long). */
export function normalizeTopic(raw: string): string | null {
  const tag = raw
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    // Words are joined by '-': "Distributed Tracing", "distributed_tracing", "CI/CD" all fold.
    .replace(/[\s_/]+/g, '-')
    // Letters, digits and the few symbols that are part of names: c++, c#, node.js, .net.
    .replace(/[^\p{L}\p{N}+#.-]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  if (tag.length === 0 || tag.length > TOPIC_MAX_LENGTH) return null;
  return TOPIC_SYNONYMS[tag] ?? tag;
}

/** Normalized, de-duplicated, in first-seen order; unusable entries are reported, not dropped. */
export function normalizeTopics(raw: readonly string[]): { topics: string[]; invalid: string[] } {
  const topics: string[] = [];
  const invalid: string[] = [];
  for (const entry of raw) {
    const tag = normalizeTopic(entry);
    if (tag === null) invalid.push(entry);
    else if (!topics.includes(tag)) topics.push(tag);
  }
  return { topics, invalid };
}
