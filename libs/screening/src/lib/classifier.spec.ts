import {
  combinedSpamProbability,
  loadDefaultModel,
  orgModelWeight,
  requestText,
} from './classifier';
import { decodeModel, encodeModel, ModelArtifactError } from './model-codec';
import { spamProbability, type ScreeningModel } from './model';
import defaultArtifact from '../model/spam-lr-v1.json';

// Written for this test, not taken from the training data; ask and value proposition as the
// classifier sees them in production.
const spam = [
  'Limited time: premium VPN for $2.99/month, 80% discount! Click the link and order now!\n\nBest deals online.',
  'Earn passive income with our forex signals, guaranteed 20% monthly profit. Join us on WhatsApp today!\n\nTrading experts.',
  'Hello, our agency can provide 30 senior developers at $18/hour. Reply to get our price list and a free trial.\n\nOffshore outsourcing company.',
  'You have won a $1,000 gift card! Claim your reward now before it expires.\n\nRewards team.',
];
const ham = [
  'How does your team run Postgres schema migrations without downtime?\n\nI maintain a small migration runner for Node.',
  'What made you pick Kafka over RabbitMQ for the payments event bus?\n\nI run the event pipeline at a mid-size fintech.',
  'How do you test React components that depend on feature flags?\n\nFrontend engineer, I wrote our testing guide.',
  'Is the platform team using Karpenter on EKS, and how did you handle spot interruptions?\n\nSRE, I run 30 EKS clusters.',
];

describe('default classifier', () => {
  const model = loadDefaultModel();

  it('loads the committed artifact once with calibrated thresholds', () => {
    expect(loadDefaultModel()).toBe(model);
    expect(model.name).toBe('spam-lr');
    expect(model.weights.length).toBe(1 << model.features.bits);
    expect(model.thresholds.review).toBeGreaterThanOrEqual(0.5);
    expect(model.thresholds.reject).toBeGreaterThanOrEqual(model.thresholds.review);
    expect(model.thresholds.reject).toBeLessThanOrEqual(1);
  });

  it('scores spam above every legitimate request', () => {
    const spamScores = spam.map((t) => spamProbability(model, t));
    const hamScores = ham.map((t) => spamProbability(model, t));
    expect(Math.min(...spamScores)).toBeGreaterThan(Math.max(...hamScores));
    for (const p of hamScores) expect(p).toBeLessThan(model.thresholds.review);
    for (const p of spamScores) expect(p).toBeGreaterThanOrEqual(model.thresholds.review);
  });

  it('re-encodes to the same artifact it was loaded from', () => {
    const reencoded = encodeModel(model, defaultArtifact.provenance);
    expect(reencoded.weights).toEqual(defaultArtifact.weights);
    expect(reencoded.calibration).toEqual(defaultArtifact.calibration);
  });

  it('refuses a corrupt artifact instead of scoring with garbage', () => {
    expect(() => decodeModel({ ...defaultArtifact, format: 'other' })).toThrow(ModelArtifactError);
    expect(() =>
      decodeModel({ ...defaultArtifact, weights: { ...defaultArtifact.weights, values: 'AAAA' } }),
    ).toThrow(/wrong length/);
    expect(() =>
      decodeModel({ ...defaultArtifact, thresholds: { review: 0.9, reject: 0.5 } }),
    ).toThrow(ModelArtifactError);
    expect(() => decodeModel(null)).toThrow(ModelArtifactError);
  });

  it('reads ask, value proposition and links of a request', () => {
    expect(requestText({ ask: 'A', valueProposition: 'B', links: ['https://x.dev'] })).toBe(
      'A\n\nB\nhttps://x.dev',
    );
  });
});

describe('organization model blending', () => {
  const model = loadDefaultModel();
  // An "organization model" that is sure everything is spam: a large bias, no weights.
  const alwaysSpam: ScreeningModel = {
    ...model,
    bias: 20,
    weights: new Float32Array(model.weights.length),
  };

  it('gives an organization model more say as it sees more labels, at most half', () => {
    expect(orgModelWeight(0)).toBe(0);
    expect(orgModelWeight(100)).toBeLessThan(orgModelWeight(1000));
    expect(orgModelWeight(1_000_000)).toBe(0.5);
  });

  it('moves the probability toward the organization model', () => {
    const text = ham[0] as string;
    const base = combinedSpamProbability(text, model);
    const few = combinedSpamProbability(text, model, { model: alwaysSpam, labelledExamples: 20 });
    const many = combinedSpamProbability(text, model, {
      model: alwaysSpam,
      labelledExamples: 5000,
    });
    expect(few).toBeGreaterThan(base);
    expect(many).toBeGreaterThan(few);
    expect(combinedSpamProbability(text, model, { model: alwaysSpam, labelledExamples: 0 })).toBe(
      base,
    );
  });
});
