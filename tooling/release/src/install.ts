// Installs the clone from the lockfile, from pnpm's store only (no network: a second or so when
// the workspace is installed on this machine). Lifecycle scripts are skipped: they fetch the
// Deno and Node 24 binaries the tests use, which packing does not need. Only when the store lacks
// something does it go to the network. Bun's alone then runs (`pnpm rebuild bun`, which links the
// binary from its platform package): the Bun adapter's build compiles its worker entries with Bun.
import type { Pnpm } from "./pnpm.ts";

/** Installs `repo`; returns how: from the store only, or with the network allowed. */
export function installFromLockfile(
  repo: string,
  pnpm: Pnpm,
  log: (line: string) => void,
): "offline" | "prefer-offline" {
  const args = ["install", "--frozen-lockfile", "--ignore-scripts"];
  let how: "offline" | "prefer-offline" = "offline";
  try {
    pnpm([...args, "--offline"], repo);
  } catch (error) {
    log(`  offline install failed, retrying with the network allowed: ${lastLine(error)}`);
    pnpm([...args, "--prefer-offline"], repo);
    how = "prefer-offline";
  }
  log("▶ pnpm rebuild bun (the Bun adapter's build needs Bun)");
  pnpm(["rebuild", "bun"], repo);
  return how;
}

function lastLine(error: unknown): string {
  return (
    String(error instanceof Error ? error.message : error)
      .trim()
      .split("\n")
      .at(-1) ?? ""
  );
}
