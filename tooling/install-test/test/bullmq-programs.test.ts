// @multiproc/bullmq as a user runs it from the installed tarballs: a redis-server of our own, the
// installed `multiproc-agent` on each runtime, and the user's own driver programs on that runtime.
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { binaryVersion, type Runtime, selectRuntimes } from "@multiproc/runtimes";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { startAgent } from "./support/agent-process.ts";
import { cleanEnv } from "./support/clean-env.ts";
import { realBinary } from "./support/real-binary.ts";
import { type RedisServer, redisBinary, startRedis } from "./support/redis-server.ts";
import { describeOutcome, type Outcome, runCommand } from "./support/run-command.ts";

const userProject = inject("userProject");
const redis = redisBinary();
const skipReason = "missing" in redis ? redis.missing : undefined;
const agentArgs = (url: string, queue: string) => [
  "--connection",
  url,
  "--queue",
  queue,
  "--module",
  "./bullmq-app/tasks.mjs",
  "--workers",
  "2",
];

let server: RedisServer | undefined;

beforeAll(async () => {
  if ("missing" in redis) return;
  await cp(new URL("../fixtures/bullmq-app/", import.meta.url), join(userProject, "bullmq-app"), {
    recursive: true,
  });
  server = await startRedis(redis.path);
});

afterAll(async () => {
  await server?.stop();
});

function redisUrl(): string {
  if (!server) throw new Error("redis-server was not started");
  return server.url;
}

/** The runtime, failing (never skipping) when its binary is missing. */
function checked(runtime: Runtime): Runtime {
  if (binaryVersion(runtime) === null) throw new Error(`${runtime.id}: no binary at ${runtime.binary}`);
  return runtime;
}

function runDriver(runtime: Runtime, program: string, queue: string, timeoutMs: number): Promise<Outcome> {
  const script = join("bullmq-app", program);
  return runCommand(realBinary(runtime), runtime.argv(script, [redisUrl(), queue]), {
    cwd: userProject,
    env: cleanEnv(),
    timeoutMs,
  });
}

/** The program's JSON (its last line), after checking it ended by itself with code 0. */
function resultOf(outcome: Outcome): unknown {
  const message = describeOutcome(outcome);
  if (outcome.timedOut || outcome.code !== 0)
    throw new Error(`the program did not end by itself with code 0\n${message}`);
  const last = outcome.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`the program printed no JSON on its last line\n${message}`);
  }
}

describe("the installed @multiproc/bullmq's dependencies", () => {
  interface LockEntry {
    version?: string;
    resolved?: string;
    integrity?: string;
    link?: boolean;
    hasInstallScript?: boolean;
  }
  const lockEntry = async (name: string): Promise<LockEntry | undefined> => {
    const lock = JSON.parse(await readFile(join(userProject, "package-lock.json"), "utf8"));
    return lock.packages[`node_modules/${name}`];
  };

  it("bullmq and ioredis come from the registry, in the ranges the tarball declares", async ({ expect }) => {
    const manifest = JSON.parse(
      await readFile(join(userProject, "node_modules/@multiproc/bullmq/package.json"), "utf8"),
    );
    for (const name of ["bullmq", "ioredis"]) {
      const range: string = manifest.dependencies?.[name];
      expect(range, name).toMatch(/^\^\d+\.\d+\.\d+$/);
      const entry = await lockEntry(name);
      // a registry tarball (checked by its hash), not a link or a file: back into the workspace
      expect(entry?.integrity, name).toMatch(/^sha512-/);
      expect(entry?.link, name).toBeUndefined();
      expect(entry?.resolved ?? "", name).not.toMatch(/^(file|link):/);
      expect(satisfiesCaret(entry?.version ?? "", range), `${name}@${entry?.version} in ${range}`).toBe(true);
    }
  });

  it("the plain npm install ran msgpackr-extract's install script and succeeded", async ({ expect }) => {
    // global-setup's `npm install` would have thrown; this shows the script was not skipped
    const config = await runCommand("npm", ["config", "get", "ignore-scripts"], {
      cwd: userProject,
      env: cleanEnv(),
      timeoutMs: 30_000,
    });
    expect(config.stdout.trim(), describeOutcome(config)).toBe("false");
    expect((await lockEntry("msgpackr-extract"))?.hasInstallScript).toBe(true);
  });
});

/** `version` within `^range` (x.y.z, no prerelease): same major, not lower. */
function satisfiesCaret(version: string, range: string): boolean {
  const parse = (text: string) => text.replace(/^\^/, "").split(".").map(Number);
  const [have, want] = [parse(version), parse(range)];
  if (have.length !== 3 || have.some(Number.isNaN) || have[0] !== want[0]) return false;
  for (let i = 1; i < 3; i++) {
    if ((have[i] as number) !== (want[i] as number)) return (have[i] as number) > (want[i] as number);
  }
  return true;
}

describe
  .skipIf(skipReason !== undefined)
  .concurrent(`a user's driver and agents on Redis${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
    for (const runtime of selectRuntimes(["node20", "node24", "deno", "bun"])) {
      it(`${runtime.id}: the installed agent serves a driver's apply, map and starmap and one that forgets close(), then drains on SIGTERM`, async ({
        expect,
      }) => {
        const queue = `install-test-${runtime.id}`;
        const agent = await startAgent(checked(runtime), userProject, agentArgs(redisUrl(), queue), 30_000);
        let end: Awaited<ReturnType<typeof agent.exited>>;
        try {
          const outcome = await runDriver(runtime, "driver.mjs", queue, 30_000);
          expect(resultOf(outcome)).toEqual({
            apply: 49,
            map: [1, 4, 9, 16, 25],
            chunkedSum: 328_350,
            starmap: [3, 7],
            agentRuntime: runtime.name,
            error: { name: "RangeError", message: "bad input", isTaskError: true },
          });
          // soft: the agent's drain below is checked whatever this shows
          const forgetful = await runDriver(runtime, "forgets-close.mjs", queue, 20_000);
          const ended =
            forgetful.timedOut || forgetful.code !== 0
              ? `did not end by itself with code 0\n${describeOutcome(forgetful)}`
              : forgetful.stdout.trim();
          expect.soft(ended).toBe('{"apply":36}');
        } finally {
          agent.terminate();
          // awaited even when a check above failed: nothing of the agent outlives the test
          end = await agent.exited(20_000);
        }
        expect(end, agent.log()).toEqual({ code: 0, signal: null, timedOut: false });
        expect(agent.log()).toContain("draining");
      });
    }
  });
