// 32-bit FNV-1a with a murmur3 finalizer. FNV alone mixes the high bits poorly for short
// inputs (3-character n-grams), and the feature hasher uses the low bits as the index and the
// top bit as the sign, so both ends have to be well mixed.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnvStart(seed: number): number {
  return (FNV_OFFSET ^ seed) >>> 0;
}

export function fnvStep(hash: number, charCode: number): number {
  return Math.imul(hash ^ charCode, FNV_PRIME) >>> 0;
}

export function fmix32(hash: number): number {
  let h = hash >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string, seed = 0): number {
  let h = fnvStart(seed);
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return fmix32(h);
}

export function combineHashes(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}
