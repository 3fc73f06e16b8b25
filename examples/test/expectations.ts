// What each example must print and write, given the folder it was told to write to. The same on
// every runtime: the examples differ only in the adapter they import.
import { join } from "node:path";
import { expect } from "vitest";
import { hashGenerated } from "../tasks.ts";

export interface Expectation {
  /** stdout, line by line: a string matches exactly, a RegExp matches the whole line. */
  lines: (string | RegExp)[];
  /** Every file the example leaves in its folder, and a check of its content. */
  files: Record<string, (content: string) => void>;
}

const ms = String.raw`\d+(\.\d)? ms`;
const sampleFiles = (check: (content: string) => void) => ({ "sample1.txt": check, "sample2.txt": check });

export function expectationFor(program: string, dir: string): Expectation {
  const writtenHi = (content: string) => expect(content).toBe("hihihihi");
  switch (program) {
    case "process":
      return {
        lines: [
          `wrote ${join(dir, "sample1.txt")}`,
          `wrote ${join(dir, "sample2.txt")}`,
          new RegExp(`^2 Processes started and joined in ${ms}$`),
        ],
        files: sampleFiles(writtenHi),
      };
    case "pool":
      return {
        lines: [
          `wrote ${join(dir, "sample1.txt")}`,
          `wrote ${join(dir, "sample2.txt")}`,
          new RegExp(`^a Pool of \\d+ workers ran 2 tasks in ${ms}$`),
        ],
        files: sampleFiles(writtenHi),
      };
    case "map":
      return {
        // 664579: the number of primes below 10^7.
        lines: [
          "counting the primes below 10000000 in 40 ranges",
          new RegExp(`^main thread: 664579 primes in ${ms}$`),
          new RegExp(
            `^Pool of \\d+ workers: 664579 primes in ${ms} \\(\\d+\\.\\d\\d× the main thread's speed\\)$`,
          ),
        ],
        files: {},
      };
    case "progress":
      return {
        lines: [
          // The last report of imap's onProgress (the only one printed when stdout is no terminal).
          /^hashed: 160\/160 \(100%\), \d+\.\d\/s in \d+\.\d s$/,
          new RegExp(`^wrote 160 digests to ${escapeRegExp(join(dir, "digests.txt"))} in ${ms}$`),
        ],
        files: {
          // In input order: the first and the last digest are those of seeds 0 and 159.
          "digests.txt": (content) => {
            const digests = content.trimEnd().split("\n");
            expect(digests).toHaveLength(160);
            expect(new Set(digests).size).toBe(160);
            for (const digest of digests) expect(digest).toMatch(/^[0-9a-f]{64}$/);
            expect([digests[0], digests[159]]).toEqual([hashGenerated(0), hashGenerated(159)]);
          },
        },
      };
    default:
      throw new Error(`no expectation for the example "${program}": add one in test/expectations.ts`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
