// The environment for everything run outside the workspace: what a user's shell would have,
// without the settings pnpm, turbo, vitest and multiproc-test export to their children, and
// without the workspace's node_modules/.bin folders on PATH, so nothing of the workspace leaks in.
import { delimiter } from "node:path";
import { workspaceRoot } from "@multiproc/runtimes";

const inherited = /^(npm_|pnpm_|turbo_|vitest|multiproc_)|^(INIT_CWD|NODE_OPTIONS|NODE_PATH|NODE_ENV|TEST)$/i;

export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!inherited.test(key)) env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir && !dir.startsWith(workspaceRoot))
    .join(delimiter);
  return env;
}
