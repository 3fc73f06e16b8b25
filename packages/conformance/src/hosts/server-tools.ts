// The server host's tools (Node, Deno, Bun): scratch files under the temp folder, worker
// processes looked up and signalled by pid, the environment workers inherit. The only part of
// the kit that touches node:* and process, loaded only when that host runs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
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
        } catch {
          return false;
        }
        return !isZombie(pid);
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

/**
 * Whether `pid` is a zombie: dead, every thread of it gone (its files closed), not yet reaped by
 * its parent (whose event loop has not run since). The group's leader turns zombie before the
 * other threads have ended, so those are waited for too. Known where there is /proc (Linux);
 * elsewhere it counts as alive until reaped.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.charAt(stat.lastIndexOf(")") + 2);
    return state === "Z" && readdirSync(`/proc/${pid}/task`).length <= 1;
  } catch {
    return false;
  }
}
