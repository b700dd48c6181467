import type { ModelThresholds, PlattCalibration, ScreeningModel } from './model';
import type { FeatureConfig } from './tokenizer';

export const MODEL_ARTIFACT_FORMAT = 'peerline-screening-model';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

// The committed artifact: plain JSON so it diffs and loads without native code. The sparse
// weights are two base64 strings (delta-varint indices, int8 values) rather than number arrays:
// a third of the size, and the type checker need not infer a tuple of 30,000 numbers.
export interface ModelArtifact {
  readonly format: typeof MODEL_ARTIFACT_FORMAT;
  readonly formatVersion: 1;
  readonly name: string;
  readonly version: number;
  readonly features: FeatureConfig;
  readonly bias: number;
  readonly calibration: PlattCalibration;
  readonly thresholds: ModelThresholds;
  readonly trainingExamples: number;
  readonly weights: {
    readonly count: number;
    readonly scale: number;
    readonly indices: string;
    readonly values: string;
  };
  readonly provenance: { readonly [key: string]: JsonValue };
}

export class ModelArtifactError extends Error {
  override readonly name = 'ModelArtifactError';
}

// Keeps the maxWeights largest weights and rounds them to int8 multiples of one scale. Weights
// that round to zero are dropped too: they would cost bytes and change no decision.
export function quantizeWeights(
  dense: ArrayLike<number>,
  maxWeights: number,
): { weights: Float32Array; scale: number } {
  const order: number[] = [];
  for (let i = 0; i < dense.length; i++) if ((dense[i] as number) !== 0) order.push(i);
  // Ties broken by index so the kept set never depends on sort stability.
  order.sort((x, y) => Math.abs(dense[y] as number) - Math.abs(dense[x] as number) || x - y);
  const kept = order.slice(0, maxWeights);
  const maxAbs = kept.length > 0 ? Math.abs(dense[kept[0] as number] as number) : 0;
  const scale = maxAbs > 0 ? Math.fround(maxAbs / 127) : 1;
  const weights = new Float32Array(dense.length);
  for (const i of kept) {
    const q = Math.max(-127, Math.min(127, Math.round((dense[i] as number) / scale)));
    weights[i] = q * scale;
  }
  return { weights, scale };
}

function pushVarint(bytes: number[], value: number): void {
  let v = value >>> 0;
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
}

export function encodeModel(
  model: ScreeningModel,
  provenance: { readonly [key: string]: JsonValue } = {},
): ModelArtifact {
  const indexBytes: number[] = [];
  const valueBytes: number[] = [];
  let previous = 0;
  let count = 0;
  for (let i = 0; i < model.weights.length; i++) {
    const w = model.weights[i] as number;
    if (w === 0) continue;
    const q = Math.round(w / model.weightScale);
    if (q === 0) continue;
    pushVarint(indexBytes, i - previous);
    previous = i;
    valueBytes.push(q & 0xff);
    count++;
  }
  return {
    format: MODEL_ARTIFACT_FORMAT,
    formatVersion: 1,
    name: model.name,
    version: model.version,
    features: { ...model.features },
    bias: model.bias,
    calibration: { ...model.calibration },
    thresholds: { ...model.thresholds },
    trainingExamples: model.trainingExamples,
    weights: {
      count,
      scale: model.weightScale,
      indices: Buffer.from(indexBytes).toString('base64'),
      values: Buffer.from(valueBytes).toString('base64'),
    },
    provenance,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteNumber(record: Record<string, unknown>, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ModelArtifactError(`${where}.${key} must be a finite number`);
  }
  return value;
}

function section(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = record[key];
  if (!isRecord(value)) throw new ModelArtifactError(`${key} must be an object`);
  return value;
}

// Validates everything: a truncated or hand-edited artifact must fail loudly at start-up, not
// score requests with garbage.
export function decodeModel(artifact: unknown): ScreeningModel {
  if (!isRecord(artifact)) throw new ModelArtifactError('model artifact must be an object');
  if (artifact['format'] !== MODEL_ARTIFACT_FORMAT || artifact['formatVersion'] !== 1) {
    throw new ModelArtifactError('unknown model artifact format');
  }
  const name = artifact['name'];
  if (typeof name !== 'string') throw new ModelArtifactError('name must be a string');
  const version = finiteNumber(artifact, 'version', 'artifact');
  const featuresIn = section(artifact, 'features');
  const features: FeatureConfig = {
    bits: finiteNumber(featuresIn, 'bits', 'features'),
    charNgramMin: finiteNumber(featuresIn, 'charNgramMin', 'features'),
    charNgramMax: finiteNumber(featuresIn, 'charNgramMax', 'features'),
    maxChars: finiteNumber(featuresIn, 'maxChars', 'features'),
  };
  if (!Number.isInteger(features.bits) || features.bits < 8 || features.bits > 24) {
    throw new ModelArtifactError('features.bits must be an integer in [8, 24]');
  }
  const calibrationIn = section(artifact, 'calibration');
  const thresholdsIn = section(artifact, 'thresholds');
  const weightsIn = section(artifact, 'weights');
  const count = finiteNumber(weightsIn, 'count', 'weights');
  const scale = finiteNumber(weightsIn, 'scale', 'weights');
  const indicesB64 = weightsIn['indices'];
  const valuesB64 = weightsIn['values'];
  if (typeof indicesB64 !== 'string' || typeof valuesB64 !== 'string') {
    throw new ModelArtifactError('weights.indices and weights.values must be base64 strings');
  }
  const indexBytes = Buffer.from(indicesB64, 'base64');
  const valueBytes = Buffer.from(valuesB64, 'base64');
  if (valueBytes.length !== count)
    throw new ModelArtifactError('weights.values has the wrong length');

  const size = 1 << features.bits;
  const weights = new Float32Array(size);
  let position = 0;
  let index = 0;
  for (let k = 0; k < count; k++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      if (position >= indexBytes.length)
        throw new ModelArtifactError('weights.indices is truncated');
      const byte = indexBytes[position++] as number;
      delta |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new ModelArtifactError('weights.indices has an oversized varint');
    }
    index += delta;
    if (index >= size)
      throw new ModelArtifactError('weights.indices points outside the feature space');
    const byte = valueBytes[k] as number;
    weights[index] = (byte > 127 ? byte - 256 : byte) * scale;
  }
  const thresholds: ModelThresholds = {
    review: finiteNumber(thresholdsIn, 'review', 'thresholds'),
    reject: finiteNumber(thresholdsIn, 'reject', 'thresholds'),
  };
  if (!(
    thresholds.review >= 0 &&
    thresholds.review <= thresholds.reject &&
    thresholds.reject <= 1
  )) {
    throw new ModelArtifactError('thresholds must satisfy 0 <= review <= reject <= 1');
  }
  return {
    name,
    version,
    features,
    bias: finiteNumber(artifact, 'bias', 'artifact'),
    weightScale: scale,
    weights,
    calibration: {
      a: finiteNumber(calibrationIn, 'a', 'calibration'),
      b: finiteNumber(calibrationIn, 'b', 'calibration'),
    },
    thresholds,
    trainingExamples: finiteNumber(artifact, 'trainingExamples', 'artifact'),
  };
}
