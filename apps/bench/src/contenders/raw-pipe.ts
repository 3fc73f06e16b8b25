// Deno's raw process floor: a `deno run` child spoken to in JSON lines over stdin/stdout (Deno
// has no IPC channel of its own; multiproc's Deno adapter uses the same pipes with its frames).
import { deno } from "../runtime.ts";
import type { RawCall, RawChild } from "./pending.ts";

export function denoPipeChild(script: URL, onMessage: (message: unknown) => void): RawChild {
  if (!deno) throw new Error("denoPipeChild runs on Deno");
  const child = new deno.Command(deno.execPath(), {
    args: ["run", "-A", "--quiet", script.href],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const stdin = child.stdin.getWriter();
  const encoder = new TextEncoder();
  void (async () => {
    const decoder = new TextDecoder();
    let rest = "";
    for await (const bytes of child.stdout) {
      const lines = (rest + decoder.decode(bytes, { stream: true })).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) onMessage(JSON.parse(line));
    }
  })();
  return {
    send: (call: RawCall) => void stdin.write(encoder.encode(`${JSON.stringify(call)}\n`)),
    stop: () => child.kill(),
  };
}
