// Kind "process" on Deno: messages cross the child's stdin and stdout as core's frames (see
// @multiproc/core/worker's FrameReader), their bodies in node:v8's structured-clone bytes.

import { deserialize, serialize } from "node:v8";
import { type FrameCodec, FrameReader, encodeFrame as frame } from "@multiproc/core/worker";

const v8Codec: FrameCodec = {
  encode: (message) => serialize(message),
  decode: (bytes) => deserialize(bytes),
};

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
