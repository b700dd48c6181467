import { utcOffsetMinutes } from './time-zone.util';

/** Rows per statement when generating benchmark data: large enough to be fast, short enough to watch. */
export const SYNTHETIC_BATCH_SIZE = 10_000;

// prettier-ignore
export const SYNTHETIC_FIRST_NAMES = [
  'John', 'Maria', 'Wei', 'Priya', 'Lena', 'Omar', 'Aisha', 'Carlos', 'Yuki', 'Fatima',
  'Liam', 'Sofia', 'Mateo', 'Chloe', 'Noah', 'Emma', 'Arjun', 'Mei', 'Ivan', 'Zara',
  'Kwame', 'Ingrid', 'Tariq', 'Hana', 'Diego', 'Anya', 'Kenji', 'Amara', 'Lucas', 'Nadia',
  'Elif', 'Tomasz', 'Sipho', 'Leila', 'Rafael', 'Freya', 'Hiroshi', 'Zainab', 'Pablo', 'Astrid',
];

// prettier-ignore
export const SYNTHETIC_LAST_NAMES = [
  'Okafor', 'Lopez', 'Chen', 'Nair', 'Novak', 'Haddad', 'Smith', 'Garcia', 'Tanaka', 'Khan',
  'Muller', 'Rossi', 'Silva', 'Dubois', 'Kim', 'Johansson', 'Patel', 'Wang', 'Petrov', 'Ali',
  'Mensah', 'Larsen', 'Aziz', 'Sato', 'Fernandez', 'Ivanova', 'Yamamoto', 'Adeyemi', 'Costa', 'Rahman',
  'Yilmaz', 'Kowalski', 'Dlamini', 'Hosseini', 'Moreira', 'Nilsson', 'Suzuki', 'Bello', 'Ruiz', 'Berg',
];

// prettier-ignore
export const SYNTHETIC_TOPICS = [
  'kubernetes', 'react', 'rust', 'go', 'typescript', 'javascript', 'python', 'postgresql',
  'distributed-tracing', 'observability', 'kafka', 'terraform', 'aws', 'gcp', 'machine-learning', 'graphql',
  'java', 'kotlin', 'swift', 'security', 'ci-cd', 'elixir', 'redis', 'docker',
  'linux', 'networking', 'data-engineering', 'spark', 'frontend', 'accessibility', 'sre', 'opentelemetry',
  'node.js', 'c++', 'webassembly', 'android', 'ios', 'design-systems', 'testing', 'performance',
];

/** team → department */
export const SYNTHETIC_TEAMS: readonly (readonly [string, string])[] = [
  ['Platform', 'Engineering'],
  ['Payments', 'Engineering'],
  ['Search', 'Engineering'],
  ['Mobile', 'Engineering'],
  ['Data', 'Data & AI'],
  ['Machine Learning', 'Data & AI'],
  ['Security', 'Security'],
  ['Growth', 'Product Engineering'],
  ['Checkout', 'Product Engineering'],
  ['Infrastructure', 'Engineering'],
  ['Developer Experience', 'Engineering'],
  ['Observability', 'Engineering'],
];

export const SYNTHETIC_LEVELS = ['Junior', 'Mid', 'Senior', 'Staff', 'Principal'];
export const SYNTHETIC_LANGUAGES = ['de', 'es', 'fr', 'hi', 'pt', 'ja', 'zh', 'pl', 'ar', 'it'];
// prettier-ignore
export const SYNTHETIC_ZONES = [
  'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/London',
  'America/Los_Angeles', 'Asia/Tokyo', 'America/Sao_Paulo', 'Australia/Sydney',
  'Africa/Lagos', 'Europe/Warsaw', 'America/Chicago', 'Asia/Singapore',
];

/** The parameter arrays of the generator statement; offsets are those of today. */
export function syntheticVocabulary(now: Date = new Date()): unknown[] {
  return [
    SYNTHETIC_FIRST_NAMES,
    SYNTHETIC_LAST_NAMES,
    SYNTHETIC_TOPICS,
    SYNTHETIC_TEAMS.map(([team]) => team),
    SYNTHETIC_TEAMS.map(([, department]) => department),
    SYNTHETIC_LEVELS,
    SYNTHETIC_LANGUAGES,
    SYNTHETIC_ZONES,
    SYNTHETIC_ZONES.map((z) => utcOffsetMinutes(z, now)),
  ];
}
