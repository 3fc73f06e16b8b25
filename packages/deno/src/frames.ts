// Kind "process" on Deno: messages cross the child's stdin and stdout as core's frames (see
// @multiproc/core/worker's FrameReader), their bodies in V8's structured-clone bytes.

import { deserialize, serialize } from "node:v8";
import { type FrameCodec, FrameReader, encodeFrame as frame } from "@multiproc/core/worker";

// Deno's node:v8 serialize() and deserialize() each make a native (de)serializer that only a GC
// frees and that V8 does not count: at a frame per task both processes' RSS climbs by hundreds
// of MiB (apps/bench/SOAK.md). Deno's own codec, the one its postMessage uses, makes none. It is
// not a public API, so node:v8 stays as the fallback.
const v8Codec: FrameCodec = denoCodec() ?? {
  encode: (message) => serialize(message),
  decode: (bytes) => deserialize(bytes),
};

interface DenoCore {
  serialize(value: unknown): Uint8Array;
  deserialize(bytes: Uint8Array): unknown;
}

function denoCodec(): FrameCodec | undefined {
  const internal = (Deno as unknown as { internal?: symbol }).internal;
  if (internal === undefined) return undefined;
  const core = (Deno as unknown as Record<symbol, { core?: Partial<DenoCore> } | undefined>)[internal]?.core;
  if (typeof core?.serialize !== "function" || typeof core.deserialize !== "function") return undefined;
  const own = core as DenoCore;
  return { encode: (message) => own.serialize(message), decode: (bytes) => own.deserialize(bytes) };
}

/** One message as a frame. Throws (before anything is written) when the value cannot be cloned. */
export function encodeFrame(message: unknown): Uint8Array {
  return frame(message, v8Codec);
}

/** A reader of v8-encoded frames; bytes that are not frames go to `passThrough`. */
export function frameReader(
  onMessage: (message: unknown) => void,
  passThrough?: (bytes: Uint8Array) => void,
): FrameReader {
  return new FrameReader(v8Codec, onMessage, passThrough);
}

/** Writes all of `bytes` to stdout, synchronously: no other write can land in the middle. */
export function writeAllToStdout(bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += Deno.stdout.writeSync(bytes.subarray(written));
}
