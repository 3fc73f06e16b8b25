// `--name value`, `--name=value` (for values that start with "--") and bare `--flag` options,
// the same under Node, Deno and Bun.
import { programArgs } from "../runtime.ts";

/** Each option's value, or true for a bare flag. */
export type Options = Record<string, string | true | undefined>;

export function parseArgs(argv: string[] = programArgs()): Options {
  const out: Options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") continue; // what `pnpm soak -- …` may pass on
    const equals = arg.indexOf("=");
    if (equals !== -1) {
      out[arg.slice(2, equals)] = arg.slice(equals + 1);
      continue;
    }
    const name = arg.replace(/^--/, "");
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) out[name] = true;
    else {
      out[name] = value;
      i++;
    }
  }
  return out;
}

/** A count such as 1000000, 1e6 or 1_000_000. */
export function count(value: string | true | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(String(value).replaceAll("_", ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${value}`);
  return n;
}
