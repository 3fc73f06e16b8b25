// Where @multiproc/bullmq is (a dependency of apps/demo): its entry module and its agent bin.
import { fileURLToPath } from "node:url";

/** The package's entry module URL and its agent bin's path. */
export async function findBullmq(): Promise<{ entry: string; bin: string }> {
  const entry = import.meta.resolve("@multiproc/bullmq");
  return { entry, bin: fileURLToPath(new URL("./bin.js", entry)) };
}
