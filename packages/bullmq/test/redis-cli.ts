// Reading a test's Redis from outside the code under test: redis-cli, beside redis-server.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";

/** Runs one command on the Redis at `port` and returns its reply as text. */
export function redisCli(redisServer: string, port: number, ...command: string[]): string {
  const cli = join(dirname(redisServer), "redis-cli");
  return execFileSync(cli, ["-p", String(port), ...command], { encoding: "utf8" }).trim();
}

/** How many jobs of `queue` still have their hash in Redis (keys `bull:<queue>:<driver id>-<n>`). */
export function jobHashes(redisServer: string, port: number, queue: string): number {
  const keys = redisCli(redisServer, port, "--scan", "--pattern", `bull:${queue}:*`);
  return keys.split("\n").filter((key) => /:[0-9a-f]{16}-\d+$/.test(key)).length;
}

/** The names of the jobs added to `queue` so far, from its event stream ("batch": a job of several calls). */
export function addedJobNames(redisServer: string, port: number, queue: string): string[] {
  const lines = redisCli(redisServer, port, "XRANGE", `bull:${queue}:events`, "-", "+").split("\n");
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "event" || lines[i + 1] !== "added") continue;
    names.push(lines[lines.indexOf("name", i) + 1] as string);
  }
  return names;
}
