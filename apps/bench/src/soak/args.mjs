// `--name value`, `--name=value` (for values that start with "--") and bare `--flag` options,
// the same under Node, Deno and Bun.
export function parseArgs(argv = globalThis.Deno?.args ?? process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") continue; // what `pnpm soak -- …` may pass on
    const equals = argv[i].indexOf("=");
    if (equals !== -1) {
      out[argv[i].slice(2, equals)] = argv[i].slice(equals + 1);
      continue;
    }
    const name = argv[i].replace(/^--/, "");
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
export function count(value, fallback) {
  if (value === undefined) return fallback;
  const n = Number(String(value).replaceAll("_", ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${value}`);
  return n;
}
