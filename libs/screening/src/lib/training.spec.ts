import { encodeModel } from './model-codec';
import { spamProbability } from './model';
import {
  fitPlatt,
  thresholdForFpr,
  trainModel,
  TrainingDataError,
  type LabelledText,
} from './training';

const features = { bits: 12, charNgramMin: 3, charNgramMax: 4, maxChars: 500 };

const spamTexts = [
  'Buy cheap watches now, 90% off, limited offer',
  'Earn $5000 a week from home, click here',
  'Free crypto airdrop, connect your wallet to claim',
  'Guaranteed returns on our token presale, join telegram',
  'We offer SEO services, rank #1 on Google today',
  'Outsource your development, developers from $15 per hour',
  'Congratulations, you won a free prize, claim now',
  'Cheap pills, discreet shipping worldwide, order now',
  'Invest now, 100x guaranteed, limited spots',
  'Get 10000 followers fast, cheap and easy',
];
const hamTexts = [
  'How does your team run Postgres migrations without downtime?',
  'What made you pick Kafka over RabbitMQ for events?',
  'How do you test React components with feature flags?',
  'How do you keep Rust compile times low in the monorepo?',
  'Which observability stack do you use for tracing Node services?',
  'How did you migrate the Android app to Compose incrementally?',
  'How do you review Terraform changes before apply?',
  'How does on-call work for the platform team?',
  'How do you evaluate ranking models offline before an A/B test?',
  'How do you structure GraphQL schemas across teams?',
];
const examples: LabelledText[] = [
  ...spamTexts.map((text) => ({ text, spam: true })),
  ...hamTexts.map((text) => ({ text, spam: false })),
];

describe('training', () => {
  it('is deterministic: the same data and seed give a byte-identical artifact', () => {
    const a = encodeModel(trainModel(examples, { features, seed: 7, epochs: 5, folds: 3 }));
    const b = encodeModel(trainModel(examples, { features, seed: 7, epochs: 5, folds: 3 }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('depends on the seed', () => {
    const a = encodeModel(trainModel(examples, { features, seed: 7, epochs: 5, folds: 3 }));
    const c = encodeModel(trainModel(examples, { features, seed: 8, epochs: 5, folds: 3 }));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('learns to separate the classes it was trained on', () => {
    const model = trainModel(examples, { features, seed: 7, epochs: 10, folds: 3 });
    const spamMin = Math.min(...spamTexts.map((t) => spamProbability(model, t)));
    const hamMax = Math.max(...hamTexts.map((t) => spamProbability(model, t)));
    expect(spamMin).toBeGreaterThan(hamMax);
  });

  it('keeps at most maxWeights non-zero weights', () => {
    const model = trainModel(examples, { features, seed: 7, epochs: 5, folds: 3, maxWeights: 50 });
    expect(model.weights.filter((w) => w !== 0).length).toBeLessThanOrEqual(50);
  });

  it('refuses to train without enough examples of each class', () => {
    expect(() => trainModel(examples.slice(0, 12))).toThrow(TrainingDataError);
  });
});

describe('calibration and thresholds', () => {
  it('fits Platt scaling that maps higher scores to higher probabilities', () => {
    const scores = [-3, -2, -1.5, -1, -0.5, 0.2, 0.5, 1, 2, 3];
    const labels = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1];
    const { a, b } = fitPlatt(scores, labels);
    expect(a).toBeGreaterThan(0);
    expect(Number.isFinite(b)).toBe(true);
  });

  it('picks the lowest threshold that keeps the false-positive rate under the target', () => {
    const legit = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const t = thresholdForFpr(legit, 0.01);
    expect(legit.filter((p) => p >= t).length).toBeLessThanOrEqual(10);
    expect(legit.filter((p) => p >= t).length).toBeGreaterThanOrEqual(9);
  });
});
