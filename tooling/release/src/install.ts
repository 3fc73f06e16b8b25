// Installs the clone from the lockfile, from pnpm's store only (no network: a second or so when
// the workspace is installed on this machine). Lifecycle scripts are skipped: they fetch the
// Deno, Bun and Node 24 binaries the tests use, and packing needs none of them. Only when the
// store lacks something does it go to the network.
import type { Pnpm } from "./pnpm.ts";

/** Installs `repo`; returns how: from the store only, or with the network allowed. */
export function installFromLockfile(
  repo: string,
  pnpm: Pnpm,
  log: (line: string) => void,
): "offline" | "prefer-offline" {
  const args = ["install", "--frozen-lockfile", "--ignore-scripts"];
  try {
    pnpm([...args, "--offline"], repo);
    return "offline";
  } catch (error) {
    log(`  offline install failed, retrying with the network allowed: ${lastLine(error)}`);
    pnpm([...args, "--prefer-offline"], repo);
    return "prefer-offline";
  }
}

function lastLine(error: unknown): string {
  return (
    String(error instanceof Error ? error.message : error)
      .trim()
      .split("\n")
      .at(-1) ?? ""
  );
}
