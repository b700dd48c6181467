import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  requestText,
  shuffled,
  type LabelledText,
  type ScreeningContext,
  type ScreeningRequest,
} from '../src/index';

export const IN_DOMAIN_PATH = join(__dirname, '..', 'data', 'in-domain-v1.jsonl');
export const IN_DOMAIN_SPLIT_SEED = 1_717;
// In-domain requests are a few hundred next to thousands of e-mails; each one counts this many
// times in training so the model learns what a request looks like.
export const IN_DOMAIN_WEIGHT = 6;

export type InDomainLabel = 'legit' | 'generic' | 'spam' | 'abusive';
const LABELS: readonly InDomainLabel[] = ['legit', 'generic', 'spam', 'abusive'];

export interface InDomainExample {
  readonly id: string;
  readonly label: InDomainLabel;
  readonly ask: string;
  readonly valueProposition: string;
  readonly topics: readonly string[];
  readonly links: readonly string[];
  readonly jobId?: string;
  readonly ambassadorTopics?: readonly string[];
  readonly note?: string;
}

// The ambassador every example is addressed to unless it names its own: a broad profile, as the
// directory's "best match for topic X" routing would pick someone whose topics overlap.
// prettier-ignore
export const EVAL_AMBASSADOR_TOPICS: readonly string[] = [
  'typescript', 'node', 'react', 'frontend', 'kubernetes', 'postgres', 'go', 'rust', 'python', 'aws', 'terraform',
  'kafka', 'graphql', 'machine-learning', 'security', 'android', 'ios', 'data-engineering', 'observability',
  'distributed-systems',
];

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`${where} must be an array of strings`);
  }
  return value;
}

function parseLine(line: string, lineNumber: number): InDomainExample {
  const where = `in-domain line ${lineNumber}`;
  const raw: unknown = JSON.parse(line);
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: not an object`);
  const r = raw as Record<string, unknown>;
  const label = r['label'];
  if (typeof label !== 'string' || !LABELS.includes(label as InDomainLabel))
    throw new Error(`${where}: bad label`);
  const str = (key: string): string => {
    const v = r[key];
    if (typeof v !== 'string') throw new Error(`${where}: ${key} must be a string`);
    return v;
  };
  const optional = (key: string): string | undefined =>
    typeof r[key] === 'string' ? (r[key] as string) : undefined;
  const jobId = optional('jobId');
  const note = optional('note');
  return {
    id: str('id'),
    label: label as InDomainLabel,
    ask: str('ask'),
    valueProposition: str('valueProposition'),
    topics: stringList(r['topics'], `${where}: topics`),
    links: stringList(r['links'], `${where}: links`),
    ...(jobId !== undefined ? { jobId } : {}),
    ...(r['ambassadorTopics'] !== undefined
      ? { ambassadorTopics: stringList(r['ambassadorTopics'], `${where}: ambassadorTopics`) }
      : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

export function loadInDomain(path = IN_DOMAIN_PATH): InDomainExample[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => parseLine(line, n));
}

// Half of each label for training, half kept for evaluation only; seeded, so the halves never
// change unless the file does.
export function splitInDomain(examples: readonly InDomainExample[]): {
  train: InDomainExample[];
  test: InDomainExample[];
} {
  const train: InDomainExample[] = [];
  const test: InDomainExample[] = [];
  LABELS.forEach((label, i) => {
    const members = shuffled(
      examples.filter((e) => e.label === label),
      IN_DOMAIN_SPLIT_SEED + i,
    );
    const cut = Math.ceil(members.length / 2);
    train.push(...members.slice(0, cut));
    test.push(...members.slice(cut));
  });
  return { train, test };
}

export function toLabelledText(example: InDomainExample, weight = IN_DOMAIN_WEIGHT): LabelledText {
  return { text: requestText(example), spam: example.label !== 'legit', weight };
}

// The in-domain set holds more unwanted than legitimate requests; weighting each class to the
// same total keeps that mix from teaching the model that "a short request" means spam.
export function toBalancedLabelledTexts(
  examples: readonly InDomainExample[],
  weight = IN_DOMAIN_WEIGHT,
): LabelledText[] {
  const legit = examples.filter((e) => e.label === 'legit').length;
  const unwanted = examples.length - legit;
  if (legit === 0 || unwanted === 0) return examples.map((e) => toLabelledText(e, weight));
  const half = (examples.length * weight) / 2;
  return examples.map((e) =>
    toLabelledText(e, e.label === 'legit' ? half / legit : half / unwanted),
  );
}

export function toRequest(example: InDomainExample): ScreeningRequest {
  return {
    ask: example.ask,
    valueProposition: example.valueProposition,
    topics: example.topics,
    links: example.links,
    requesterEmail: 'requester@example.org',
    ...(example.jobId !== undefined ? { jobId: example.jobId } : {}),
  };
}

export function evalContext(example: InDomainExample): ScreeningContext {
  return {
    ambassadorTopics: example.ambassadorTopics ?? EVAL_AMBASSADOR_TOPICS,
    rateCounters: { perIpLastHour: 0, perEmailLastHour: 0 },
    openRequestsOfRequester: 0,
    nearDuplicatesSentRecently: 0,
    isFirstTimeSender: true,
    emailBlocked: false,
    domainBlocked: false,
    isDisposableDomain: false,
  };
}
