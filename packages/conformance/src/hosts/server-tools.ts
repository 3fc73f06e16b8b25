// The server host's tools (Node, Deno, Bun): scratch files under the temp folder, worker
// processes looked up and signalled by pid, the environment workers inherit. The only part of
// the kit that touches node:* and process, loaded only when that host runs.
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HostTools } from "../host.ts";

export function serverTools(): HostTools {
  return {
    scratch: {
      path: (name) =>
        join(tmpdir(), `multiproc-${name}-${process.pid}-${Math.random().toString(36).slice(2)}`),
      exists: async (path) => existsSync(path),
      read: (path) => readFile(path, "utf8"),
      write: (path, text) => writeFile(path, text),
      remove: (path) => rm(path, { force: true }),
    },
    processes: {
      isAlive(pid) {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      },
      kill: (pid, signal) => process.kill(pid, signal),
    },
    env: {
      set: (name, value) => {
        process.env[name] = value;
      },
      delete: (name) => {
        delete process.env[name];
      },
    },
  };
}
