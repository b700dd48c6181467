import type { LabelledText } from '../src/index';

// The baseline the classifier has to beat: a textbook multinomial naive Bayes over lower-cased
// word tokens with Laplace smoothing, the "40-line" spam filter. Kept only in the scripts.
export interface NaiveBayesModel {
  readonly logPrior: number;
  readonly spamLog: Map<string, number>;
  readonly hamLog: Map<string, number>;
  readonly unknownSpam: number;
  readonly unknownHam: number;
}

export function nbTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9$']+/g) ?? [];
}

export function trainNaiveBayes(examples: readonly LabelledText[]): NaiveBayesModel {
  const spamCounts = new Map<string, number>();
  const hamCounts = new Map<string, number>();
  let spamTotal = 0;
  let hamTotal = 0;
  let spamDocs = 0;
  for (const e of examples) {
    const counts = e.spam ? spamCounts : hamCounts;
    if (e.spam) spamDocs++;
    for (const t of nbTokens(e.text)) {
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (e.spam) spamTotal++;
      else hamTotal++;
    }
  }
  const vocabulary = new Set([...spamCounts.keys(), ...hamCounts.keys()]).size;
  const spamLog = new Map<string, number>();
  const hamLog = new Map<string, number>();
  for (const [t, c] of spamCounts) spamLog.set(t, Math.log((c + 1) / (spamTotal + vocabulary)));
  for (const [t, c] of hamCounts) hamLog.set(t, Math.log((c + 1) / (hamTotal + vocabulary)));
  return {
    logPrior: Math.log(spamDocs / (examples.length - spamDocs)),
    spamLog,
    hamLog,
    unknownSpam: Math.log(1 / (spamTotal + vocabulary)),
    unknownHam: Math.log(1 / (hamTotal + vocabulary)),
  };
}

// Log-odds of spam; > 0 is the textbook decision.
export function naiveBayesScore(model: NaiveBayesModel, text: string): number {
  let score = model.logPrior;
  for (const t of nbTokens(text)) {
    score +=
      (model.spamLog.get(t) ?? model.unknownSpam) - (model.hamLog.get(t) ?? model.unknownHam);
  }
  return score;
}
