export interface RoundTripBatcherOptions {
  /** The most inputs one round trip carries. */
  maxBatch?: number;
  /**
   * How long a batch waits for company before it leaves, when no round trip is in flight to wait
   * for anyway. Per-statement costs in Postgres (planning, commit, WAL flush) are several times the
   * per-row cost, so a few milliseconds here buy much larger batches under load.
   */
  lingerMs?: number;
}

interface Pending<I, O> {
  input: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/**
 * Coalesces concurrent calls into shared round trips: the worker runs many mail jobs at once, and
 * one `UPDATE … WHERE id = ANY(…)` for all of them costs Postgres little more than a single-row
 * UPDATE. One round trip is in flight at a time; calls arriving meanwhile (and during the linger)
 * form the next batch, so batches grow with the load and a lone call waits at most `lingerMs`.
 *
 * `run` answers each input at the same index. When it throws, every call of that batch rejects
 * with the error, exactly as if each had made its own query and failed.
 */
export class RoundTripBatcher<I, O> {
  private readonly pending: Pending<I, O>[] = [];
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private inFlight = false;
  private lingering: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    options: RoundTripBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.lingerMs = options.lingerMs ?? 0;
  }

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.pump(false);
    });
  }

  private pump(lingered: boolean): void {
    if (this.inFlight || this.pending.length === 0) return;
    if (!lingered && this.lingerMs > 0 && this.pending.length < this.maxBatch) {
      this.lingering ??= setTimeout(() => {
        this.lingering = undefined;
        this.pump(true);
      }, this.lingerMs);
      return;
    }
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = undefined;
    const batch = this.pending.splice(0, this.maxBatch);
    this.inFlight = true;
    void this.settle(batch)
      .catch((err: unknown) => {
        for (const b of batch) b.reject(err);
      })
      .finally(() => {
        this.inFlight = false;
        this.pump(false);
      });
  }

  private async settle(batch: Pending<I, O>[]): Promise<void> {
    const results = await this.run(batch.map((b) => b.input));
    if (results.length !== batch.length)
      throw new Error('batched round trip answered a different number of inputs');
    batch.forEach((b, i) => b.resolve(results[i] as O));
  }
}
