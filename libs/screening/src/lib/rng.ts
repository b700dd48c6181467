// Training and the data splits must be reproducible bit for bit (the model artifact is versioned
// in git and re-running the training script must give the same file), so nothing here may use
// Math.random().

export type Rng = () => number;

// mulberry32: tiny, fast and good enough for shuffling and SGD ordering; not for cryptography.
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  return shuffleInPlace([...items], createRng(seed));
}
