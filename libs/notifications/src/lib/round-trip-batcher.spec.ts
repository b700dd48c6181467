import { RoundTripBatcher } from './round-trip-batcher';

/** A round trip the test finishes by hand, so it controls what is in flight. */
class ManualRun {
  readonly calls: number[][] = [];
  private readonly finishers: ((fail?: Error) => void)[] = [];

  readonly run = (inputs: number[]): Promise<number[]> => {
    this.calls.push(inputs);
    return new Promise<number[]>((resolve, reject) => {
      this.finishers.push((fail) => (fail ? reject(fail) : resolve(inputs.map((n) => n * 10))));
    });
  };

  finish(index: number, fail?: Error): void {
    this.finishers[index]?.(fail);
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('RoundTripBatcher', () => {
  it('sends a lone call at once and answers it', async () => {
    const run = new ManualRun();
    const batcher = new RoundTripBatcher(run.run);
    const answer = batcher.submit(1);
    expect(run.calls).toEqual([[1]]);
    run.finish(0);
    await expect(answer).resolves.toBe(10);
  });

  it('puts the calls that arrive during a round trip into the next one, each answered by position', async () => {
    const run = new ManualRun();
    const batcher = new RoundTripBatcher(run.run);
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((n) => batcher.submit(n));
    expect(run.calls).toEqual([[1]]);
    run.finish(0);
    await first;
    await tick();
    expect(run.calls).toEqual([[1], [2, 3, 4]]);
    run.finish(1);
    await expect(Promise.all(rest)).resolves.toEqual([20, 30, 40]);
  });

  it('waits lingerMs for company before a round trip when none is in flight', async () => {
    const run = new ManualRun();
    const batcher = new RoundTripBatcher(run.run, { lingerMs: 20 });
    const answers = [batcher.submit(1), batcher.submit(2)];
    expect(run.calls).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    expect(run.calls).toEqual([[1, 2]]);
    run.finish(0);
    await expect(Promise.all(answers)).resolves.toEqual([10, 20]);
  });

  it('does not wait once a batch is full', async () => {
    const run = new ManualRun();
    const batcher = new RoundTripBatcher(run.run, { lingerMs: 10_000, maxBatch: 2 });
    const answers = [1, 2, 3].map((n) => batcher.submit(n));
    expect(run.calls).toEqual([[1, 2]]);
    run.finish(0);
    await tick();
    // The third call is alone again: it lingers, and is not stranded once the batch answered.
    expect(run.calls).toEqual([[1, 2]]);
    await expect(Promise.all(answers.slice(0, 2))).resolves.toEqual([10, 20]);
    const fill = batcher.submit(4);
    expect(run.calls).toEqual([
      [1, 2],
      [3, 4],
    ]);
    run.finish(1);
    await expect(Promise.all([answers[2], fill])).resolves.toEqual([30, 40]);
  });

  it('fails every call of a failed round trip and keeps serving later ones', async () => {
    const run = new ManualRun();
    const batcher = new RoundTripBatcher(run.run);
    const first = batcher.submit(1);
    const batch = [2, 3].map((n) => batcher.submit(n));
    run.finish(0);
    await first;
    await tick();
    run.finish(1, new Error('connection reset'));
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    const later = batcher.submit(5);
    await tick();
    run.finish(2);
    await expect(later).resolves.toBe(50);
  });

  it('fails the batch when the round trip answers a different number of inputs', async () => {
    const batcher = new RoundTripBatcher<number, number>(() => Promise.resolve([1]));
    const first = batcher.submit(1);
    const second = batcher.submit(2);
    await expect(first).resolves.toBe(1);
    await expect(second).resolves.toBe(1);
    const short = new RoundTripBatcher<number, number>(() => Promise.resolve([]));
    await expect(short.submit(1)).rejects.toThrow('different number of inputs');
  });
});
