import defaultArtifact from '../model/spam-lr-v1.json';
import { decodeModel } from './model-codec';
import { logit, sigmoid, spamProbability, type ScreeningModel } from './model';
import type { OrgLabelsModel, ScreeningRequest } from './screening.types';

export const DEFAULT_MODEL_NAME = 'spam-lr-v1';

let defaultModel: ScreeningModel | null = null;

// Decoded once per process (about 10 ms) and shared; the artifact is bundled with the code so a
// deployment can never run with a model that does not match its feature extraction.
export function loadDefaultModel(): ScreeningModel {
  if (defaultModel === null) defaultModel = decodeModel(defaultArtifact);
  return defaultModel;
}

// What the classifier reads from a request. Links are included because link hosts are strong
// spam features; topics and times are not, they come from pick-lists.
export function requestText(
  request: Pick<ScreeningRequest, 'ask' | 'valueProposition' | 'links'>,
): string {
  const links = request.links.length > 0 ? `\n${request.links.join('\n')}` : '';
  return `${request.ask}\n\n${request.valueProposition}${links}`;
}

// An organization's own model gets a say that grows with its number of labels, up to half:
// a few dozen HR decisions should nudge the default model, not replace it.
export function orgModelWeight(labelledExamples: number): number {
  if (!(labelledExamples > 0)) return 0;
  return Math.min(0.5, labelledExamples / (labelledExamples + 400));
}

export function combinedSpamProbability(
  text: string,
  model: ScreeningModel,
  orgLabelsModel?: OrgLabelsModel,
): number {
  const base = spamProbability(model, text);
  if (orgLabelsModel === undefined) return base;
  const weight = orgModelWeight(orgLabelsModel.labelledExamples);
  if (weight === 0) return base;
  const org = spamProbability(orgLabelsModel.model, text);
  // Averaging log-odds keeps a confident vote confident, unlike averaging probabilities.
  return sigmoid((1 - weight) * logit(base) + weight * logit(org));
}
