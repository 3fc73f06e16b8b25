// Processes that talk, from the installed packages on every runtime: a producer Process and two
// consumer Processes sharing a JoinableQueue, a Lock-guarded Value and an Event; a Pool whose
// tasks get a Queue in their arguments (never closed: the program must end by itself); and kind
// "process" refusing them with InvalidArgumentError naming kind "thread". See fixtures/user-app/talk.mjs.
import { binaryVersion, type Runtime, runtimes } from "@multiproc/runtimes";
import { describe, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { realBinary } from "./support/real-binary.ts";
import { describeOutcome, runCommand } from "./support/run-command.ts";

const userProject = inject("userProject");

function checkBinary(runtime: Runtime): void {
  if (binaryVersion(runtime) === null)
    throw new Error(
      `${runtime.id}: no binary at ${runtime.binary}; run pnpm install (it brings every runtime)`,
    );
}

const refusedNamingThread = {
  name: "InvalidArgumentError",
  isInvalidArgumentError: true,
  namesKindThread: true,
};

describe.concurrent("the installed talking objects in a user's program", () => {
  for (const runtime of runtimes) {
    for (const pkg of [`@multiproc/${runtime.name}`, "@multiproc/auto"]) {
      it(`${runtime.id}, ${pkg}: producer and consumers over a JoinableQueue, a Lock-guarded Value, an Event, a Pool given a Queue; kind "process" refuses them`, async ({
        expect,
      }) => {
        checkBinary(runtime);
        // the binary itself: the workspace's Bun shim exports NODE_PATH into the workspace
        const outcome = await runCommand(realBinary(runtime), runtime.argv("talk-app.mjs", [pkg]), {
          cwd: userProject,
          env: cleanEnv(),
          timeoutMs: 40_000,
        });
        const message = describeOutcome(outcome);
        expect(outcome.timedOut, `the program did not end by itself\n${message}`).toBe(false);
        expect(outcome.code, message).toBe(0);
        const result = JSON.parse(outcome.stdout.trim().split("\n").at(-1) ?? "");
        expect(result).toEqual({
          producer: { exitCode: 0, result: 200 },
          consumers: [
            { exitCode: 0, alive: false },
            { exitCode: 0, alive: false },
          ],
          eachTakenOnce: true,
          counter: (200 * 201) / 2,
          queueEmpty: true,
          putCounts: [3, 2, 4],
          squares: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [n, n * n]),
          refused: {
            processArgs: refusedNamingThread,
            initArgs: refusedNamingThread,
            callArgs: refusedNamingThread,
          },
        });
      });
    }
  }
});
