// The raw process floor on Deno, which has no IPC channel of its own: a `deno run` child reading
// JSON lines { id, a, b } on stdin and writing JSON lines { id, value } on stdout, the answers to
// one chunk in one write. The same pipes multiproc's Deno kind "process" uses, minus its frames.

import type { RawCall } from "../contenders/pending.ts";
import { deno } from "../runtime.ts";

if (!deno) throw new Error("raw-pipe-child runs on Deno");
const { stdin, stdout } = deno;
const encoder = new TextEncoder();
const writeAll = (bytes: Uint8Array) => {
  for (let written = 0; written < bytes.length; ) written += stdout.writeSync(bytes.subarray(written));
};
writeAll(encoder.encode('"ready"\n'));
const decoder = new TextDecoder();
let rest = "";
for await (const bytes of stdin.readable) {
  const lines = (rest + decoder.decode(bytes, { stream: true })).split("\n");
  rest = lines.pop() ?? "";
  let out = "";
  for (const line of lines) {
    const { id, a, b } = JSON.parse(line) as RawCall;
    out += `${JSON.stringify({ id, value: a + b })}\n`;
  }
  if (out) writeAll(encoder.encode(out));
}
