// The task module every example hands to its Pool or Process. Only node:fs/promises and
// node:crypto, which Node, Deno and Bun all provide, so one file serves the three runtimes.
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

/** The article's task: open a file, write a short string to it in four pieces, close it. */
export async function writeHi(fname: string): Promise<void> {
  const file = await open(fname, "w");
  try {
    for (let i = 0; i < 4; i++) await file.write("hi");
  } finally {
    await file.close();
  }
}

/** How many primes lie in [from, to): plain trial division, CPU-bound on purpose. */
export function countPrimes([from, to]: [number, number]): number {
  let count = 0;
  for (let n = Math.max(from, 2); n < to; n++) if (isPrime(n)) count++;
  return count;
}

function isPrime(n: number): boolean {
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/**
 * SHA-256 (hex) of `mib` MiB of pseudo-random bytes generated from `seed`. The bytes are made in
 * the worker, so only a number goes in and 64 characters come back.
 */
export function hashGenerated(seed: number, mib = 4): string {
  const bytes = new Uint8Array(mib * 1024 * 1024);
  const words = new Uint32Array(bytes.buffer);
  // xorshift32: deterministic, so any run (or a test) can check the digest. 0 would stay 0.
  let x = seed + 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return createHash("sha256").update(bytes).digest("hex");
}
