import { quantizeWeights } from './model-codec';
import {
  calibrate,
  decisionValue,
  sigmoid,
  type ModelThresholds,
  type PlattCalibration,
  type ScreeningModel,
} from './model';
import { createRng, shuffleInPlace } from './rng';
import {
  DEFAULT_FEATURE_CONFIG,
  extractFeatures,
  type FeatureConfig,
  type SparseVector,
} from './tokenizer';

export interface LabelledText {
  readonly text: string;
  // true = spam or low-effort (should not reach an ambassador), false = legitimate.
  readonly spam: boolean;
  // Relative importance; in-domain requests are scarce next to the e-mail corpus and are
  // up-weighted so the model learns what a request looks like.
  readonly weight?: number;
}

export interface TrainOptions {
  readonly name?: string;
  readonly version?: number;
  readonly seed?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  // > 0 trains with FTRL-Proximal and this L1 strength instead of plain Adagrad.
  readonly l1?: number;
  readonly maxWeights?: number;
  readonly features?: FeatureConfig;
  // Examples used only to fit the calibration and thresholds. Without them the calibration is
  // fitted on out-of-fold scores from a seeded stratified k-fold over the training examples.
  readonly calibration?: readonly LabelledText[];
  readonly folds?: number;
  // Largest share of legitimate texts (in the calibration set) allowed above each threshold.
  readonly reviewFpr?: number;
  readonly rejectFpr?: number;
}

export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}

export interface VectorizedSet {
  readonly vectors: readonly SparseVector[];
  readonly labels: Uint8Array;
  readonly weights: Float64Array;
}

export function vectorize(
  examples: readonly LabelledText[],
  features: FeatureConfig,
): VectorizedSet {
  const labels = new Uint8Array(examples.length);
  const weights = new Float64Array(examples.length);
  const vectors = examples.map((example, i) => {
    labels[i] = example.spam ? 1 : 0;
    weights[i] = example.weight ?? 1;
    return extractFeatures(example.text, features);
  });
  return { vectors, labels, weights };
}

// Logistic regression with L2, trained by Adagrad over seeded shuffles. Adagrad's per-feature
// step sizes suit hashed n-grams: rare n-grams (most of them) keep large steps, frequent ones
// settle quickly, and there is no learning-rate schedule to tune.
export function trainLogisticRegression(
  set: VectorizedSet,
  options: { bits: number; epochs: number; learningRate: number; l2: number; seed: number },
  subset?: readonly number[],
): { weights: Float64Array; bias: number } {
  const size = 1 << options.bits;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size);
  let bias = 0;
  let biasG2 = 0;
  const eps = 1e-8;
  const rng = createRng(options.seed);
  const order =
    subset !== undefined ? [...subset] : Array.from({ length: set.vectors.length }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (const n of order) {
      const x = set.vectors[n] as SparseVector;
      let z = bias;
      for (let k = 0; k < x.indices.length; k++)
        z += (w[x.indices[k] as number] as number) * (x.values[k] as number);
      const g = (sigmoid(z) - (set.labels[n] as number)) * (set.weights[n] as number);
      for (let k = 0; k < x.indices.length; k++) {
        const j = x.indices[k] as number;
        const grad = g * (x.values[k] as number) + options.l2 * (w[j] as number);
        g2[j] = (g2[j] as number) + grad * grad;
        w[j] =
          (w[j] as number) - (options.learningRate * grad) / (Math.sqrt(g2[j] as number) + eps);
      }
      biasG2 += g * g;
      bias -= (options.learningRate * g) / (Math.sqrt(biasG2) + eps);
    }
  }
  return { weights: w, bias };
}

// FTRL-Proximal (McMahan et al., 2013): per-coordinate adaptive steps like Adagrad plus an L1
// term that sets most hashed n-gram weights exactly to zero, so the model is sparse by
// construction and pruning it to an artifact-sized set of weights costs little accuracy.
export function trainFtrl(
  set: VectorizedSet,
  options: {
    bits: number;
    epochs: number;
    alpha: number;
    beta: number;
    l1: number;
    l2: number;
    seed: number;
  },
  subset?: readonly number[],
): { weights: Float64Array; bias: number } {
  const size = 1 << options.bits;
  const z = new Float64Array(size);
  const n = new Float64Array(size);
  let biasZ = 0;
  let biasN = 0;
  const weightOf = (zi: number, ni: number, l1: number): number => {
    if (Math.abs(zi) <= l1) return 0;
    return (
      -(zi - Math.sign(zi) * l1) / ((options.beta + Math.sqrt(ni)) / options.alpha + options.l2)
    );
  };
  const rng = createRng(options.seed);
  const order =
    subset !== undefined ? [...subset] : Array.from({ length: set.vectors.length }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (const e of order) {
      const x = set.vectors[e] as SparseVector;
      const bias = weightOf(biasZ, biasN, 0);
      let dot = bias;
      for (let k = 0; k < x.indices.length; k++) {
        const j = x.indices[k] as number;
        dot += weightOf(z[j] as number, n[j] as number, options.l1) * (x.values[k] as number);
      }
      const g = (sigmoid(dot) - (set.labels[e] as number)) * (set.weights[e] as number);
      for (let k = 0; k < x.indices.length; k++) {
        const j = x.indices[k] as number;
        const gi = g * (x.values[k] as number);
        const ni = n[j] as number;
        const sigma = (Math.sqrt(ni + gi * gi) - Math.sqrt(ni)) / options.alpha;
        z[j] = (z[j] as number) + gi - sigma * weightOf(z[j] as number, ni, options.l1);
        n[j] = ni + gi * gi;
      }
      const sigmaB = (Math.sqrt(biasN + g * g) - Math.sqrt(biasN)) / options.alpha;
      biasZ += g - sigmaB * bias;
      biasN += g * g;
    }
  }
  const weights = new Float64Array(size);
  for (let j = 0; j < size; j++) weights[j] = weightOf(z[j] as number, n[j] as number, options.l1);
  return { weights, bias: weightOf(biasZ, biasN, 0) };
}

// Platt scaling fitted by Newton's method with the smoothed targets of Platt (1999) /
// Lin, Lin & Weng (2007), so a perfectly separated calibration set does not drive the slope to
// infinity and the probabilities stay usable as thresholds.
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibration {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return { a: 1, b: 0 };
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const targets = Array.from({ length: labels.length }, (_, i) => (labels[i] === 1 ? hi : lo));
  let a = 1;
  let b = Math.log((negatives + 1) / (positives + 1)) * -1;
  const loss = (pa: number, pb: number): number => {
    let total = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = pa * (scores[i] as number) + pb;
      const t = targets[i] as number;
      // log(1 + e^z) - t*z, computed without overflow.
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return total;
  };
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-12;
    let hAB = 0;
    let hBB = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i] as number;
      const p = sigmoid(a * s + b);
      const d = p - (targets[i] as number);
      const v = p * (1 - p);
      gA += d * s;
      gB += d;
      hAA += v * s * s;
      hAB += v * s;
      hBB += v;
    }
    if (Math.abs(gA) < 1e-9 && Math.abs(gB) < 1e-9) break;
    const det = hAA * hBB - hAB * hAB;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    let t = 1;
    let improved = false;
    while (t > 1e-8) {
      const next = loss(a - t * stepA, b - t * stepB);
      if (next < current) {
        a -= t * stepA;
        b -= t * stepB;
        current = next;
        improved = true;
        break;
      }
      t /= 2;
    }
    if (!improved) break;
  }
  return { a, b };
}

// The lowest probability threshold at which at most maxFpr of the legitimate examples would be
// flagged (probability >= threshold).
export function thresholdForFpr(legitProbabilities: readonly number[], maxFpr: number): number {
  if (legitProbabilities.length === 0) return 0.5;
  const sorted = [...legitProbabilities].sort((x, y) => y - x);
  const allowed = Math.floor(maxFpr * sorted.length);
  if (allowed >= sorted.length) return 0;
  const boundary = sorted[allowed] as number;
  return Math.min(1, boundary + 1e-9);
}

function pickThresholds(
  probabilities: readonly number[],
  labels: ArrayLike<number>,
  reviewFpr: number,
  rejectFpr: number,
): ModelThresholds {
  const legit = probabilities.filter((_, i) => labels[i] === 0);
  // The floor keeps a model calibrated on a small or easy set from flagging texts it thinks
  // are more likely legitimate than not. The reject threshold needs no higher floor of its own:
  // screen() rejects on the classifier only when the request also lacks every specificity
  // signal, and sends specific ones to review.
  const review = Math.max(0.5, thresholdForFpr(legit, reviewFpr));
  const reject = Math.max(review, thresholdForFpr(legit, rejectFpr));
  return { review, reject };
}

function countLabels(examples: readonly LabelledText[]): { spam: number; legit: number } {
  let spam = 0;
  for (const e of examples) if (e.spam) spam++;
  return { spam, legit: examples.length - spam };
}

export interface TrainingReport {
  readonly model: ScreeningModel;
  // Calibrated out-of-fold (or calibration-set) probabilities the thresholds were chosen on.
  readonly calibrationProbabilities: readonly number[];
  readonly calibrationLabels: Uint8Array;
}

function stratifiedFolds(labels: Uint8Array, folds: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const assignment = new Uint8Array(labels.length);
  for (const label of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) members.push(i);
    shuffleInPlace(members, rng);
    members.forEach((member, position) => {
      assignment[member] = position % folds;
    });
  }
  return assignment;
}

// Trains a calibrated model from labelled texts: the training script uses it on the corpus, and
// the application can retrain per organization from its moderation labels. Deterministic for a
// given input order and seed.
export function trainModelWithReport(
  examples: readonly LabelledText[],
  options: TrainOptions = {},
): TrainingReport {
  const features = options.features ?? DEFAULT_FEATURE_CONFIG;
  const seed = options.seed ?? 20_240_601;
  const counts = countLabels(examples);
  if (counts.spam < 5 || counts.legit < 5) {
    throw new TrainingDataError('training needs at least 5 spam and 5 legitimate examples');
  }
  const sgd = {
    bits: features.bits,
    epochs: options.epochs ?? 10,
    learningRate: options.learningRate ?? 0.2,
    l2: options.l2 ?? 1e-6,
    seed,
  };
  const maxWeights = options.maxWeights ?? 30_000;
  const name = options.name ?? 'spam-lr';
  const version = options.version ?? 1;
  const set = vectorize(examples, features);
  const fit = (subset?: readonly number[]): ScreeningModel => {
    const l1 = options.l1 ?? 0;
    const trained =
      l1 > 0
        ? trainFtrl(set, { ...sgd, alpha: sgd.learningRate, beta: 1, l1, l2: sgd.l2 }, subset)
        : trainLogisticRegression(set, sgd, subset);
    const { weights, scale } = quantizeWeights(trained.weights, maxWeights);
    return {
      name,
      version,
      features,
      bias: trained.bias,
      weightScale: scale,
      weights,
      calibration: { a: 1, b: 0 },
      thresholds: { review: 0.5, reject: 0.9 },
      trainingExamples: subset?.length ?? examples.length,
    };
  };

  const model = fit();
  let scores: number[];
  let labels: Uint8Array;
  if (options.calibration !== undefined && options.calibration.length > 0) {
    const calibrationSet = vectorize(options.calibration, features);
    scores = calibrationSet.vectors.map((v) => decisionValue(model, v));
    labels = calibrationSet.labels;
  } else {
    // Out-of-fold scores: every training example scored by a model that did not see it, so
    // the thresholds rest on all examples rather than on a small held-out slice (a 0.5% false-
    // positive target needs hundreds of legitimate examples to mean anything).
    const folds = Math.max(2, Math.min(options.folds ?? 5, counts.spam, counts.legit));
    const assignment = stratifiedFolds(set.labels, folds, seed ^ 0x5bd1e995);
    scores = new Array<number>(examples.length).fill(0);
    for (let fold = 0; fold < folds; fold++) {
      const inFold: number[] = [];
      const outOfFold: number[] = [];
      for (let i = 0; i < examples.length; i++)
        (assignment[i] === fold ? inFold : outOfFold).push(i);
      const foldModel = fit(outOfFold);
      for (const i of inFold) scores[i] = decisionValue(foldModel, set.vectors[i] as SparseVector);
    }
    labels = set.labels;
  }
  const calibration = fitPlatt(scores, labels);
  const probabilities = scores.map((s) => calibrate(calibration, s));
  const thresholds = pickThresholds(
    probabilities,
    labels,
    options.reviewFpr ?? 0.02,
    options.rejectFpr ?? 0.002,
  );
  return {
    model: { ...model, calibration, thresholds },
    calibrationProbabilities: probabilities,
    calibrationLabels: labels,
  };
}

export function trainModel(
  examples: readonly LabelledText[],
  options: TrainOptions = {},
): ScreeningModel {
  return trainModelWithReport(examples, options).model;
}
