import { extractFeatures, type FeatureConfig, type SparseVector } from './tokenizer';

export interface PlattCalibration {
  readonly a: number;
  readonly b: number;
}

// Probabilities (after calibration) at or above which a text is sent to review or rejected.
export interface ModelThresholds {
  readonly review: number;
  readonly reject: number;
}

// A logistic-regression model over hashed features. Weights are held dense (2^bits floats, 1 MB
// for 18 bits) so scoring is one array read per feature; the artifact on disk is pruned and
// quantized (see model-codec.ts).
export interface ScreeningModel {
  readonly name: string;
  readonly version: number;
  readonly features: FeatureConfig;
  readonly bias: number;
  // Every weight is an int8 multiple of weightScale: that is what the artifact stores, and the
  // in-memory model is built from the same numbers so training and loading score identically.
  readonly weightScale: number;
  readonly weights: Float32Array;
  readonly calibration: PlattCalibration;
  readonly thresholds: ModelThresholds;
  readonly trainingExamples: number;
}

export function decisionValue(model: ScreeningModel, vector: SparseVector): number {
  let z = model.bias;
  const { indices, values } = vector;
  const weights = model.weights;
  for (let i = 0; i < indices.length; i++)
    z += (weights[indices[i] as number] as number) * (values[i] as number);
  return z;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
}

export function calibrate(calibration: PlattCalibration, score: number): number {
  return sigmoid(calibration.a * score + calibration.b);
}

// Calibrated probability that a text is spam or low-effort, in [0, 1].
export function spamProbability(model: ScreeningModel, text: string): number {
  return calibrate(model.calibration, decisionValue(model, extractFeatures(text, model.features)));
}
