// Messages over a byte stream (a child's stdin and stdout, a socket), for process transports
// without a message channel of their own:
//   MAGIC (4 bytes) | length (uint32, big-endian) | body (the codec's bytes)
// The stream may also carry other bytes (what a task prints to stdout): the reader passes those
// through and picks out only the frames, so console.log in a task neither breaks nor loses one.
// The codec is the adapter's (node:v8's serialize on Deno), so core stays runtime-free.

/** Turns messages into bytes and back; `encode` throws on a value it cannot carry. */
export interface FrameCodec {
  /** A message's bytes; throws on a value it cannot carry. */
  encode(message: unknown): Uint8Array;
  /** The message back from its bytes. */
  decode(bytes: Uint8Array): unknown;
}

const MAGIC = new Uint8Array([0x00, 0x4d, 0x50, 0x01]);
const HEADER = MAGIC.length + 4;

/** One message as a frame. Throws (before anything is written) when the codec cannot encode it. */
export function encodeFrame(message: unknown, codec: FrameCodec): Uint8Array {
  const body = codec.encode(message);
  const frame = new Uint8Array(HEADER + body.length);
  frame.set(MAGIC);
  new DataView(frame.buffer).setUint32(MAGIC.length, body.length);
  frame.set(body, HEADER);
  return frame;
}

/** Reads frames out of a byte stream, in chunks as they come; bytes that are not frames go to `passThrough`. */
export class FrameReader {
  #buffer: Uint8Array = new Uint8Array(0);
  /** Chunks of a frame still arriving, set aside until it is whole, and their size. */
  #rest: Uint8Array[] = [];
  #restBytes = 0;
  /** Bytes the frame at the head of the buffer needs in all, once its header is read (else 0). */
  #need = 0;

  constructor(
    private readonly codec: FrameCodec,
    private readonly onMessage: (message: unknown) => void,
    private readonly passThrough: (bytes: Uint8Array) => void = () => {},
  ) {}

  /** Takes the next chunk of the stream; calls onMessage for each whole frame now in hand. */
  push(chunk: Uint8Array): void {
    if (this.#buffer.length + this.#restBytes + chunk.length < this.#need) {
      // A large frame comes in many chunks: join them once it is whole, not at every chunk
      // (copying that grew with the square of its size: 64 MiB took half a minute).
      this.#rest.push(chunk);
      this.#restBytes += chunk.length;
      return;
    }
    this.#buffer = join([this.#buffer, ...this.#rest, chunk]);
    this.#rest = [];
    this.#restBytes = 0;
    this.#need = 0;
    for (;;) {
      const start = findMagic(this.#buffer);
      if (start !== 0) {
        // Text before the next frame (or all of it but a partial MAGIC at the very end).
        const keep = start === -1 ? partialMagicAt(this.#buffer) : start;
        if (keep > 0) this.passThrough(this.#buffer.subarray(0, keep));
        this.#buffer = this.#buffer.subarray(keep);
        if (start === -1) return;
      }
      if (this.#buffer.length < HEADER) return;
      const length = new DataView(this.#buffer.buffer, this.#buffer.byteOffset).getUint32(MAGIC.length);
      if (this.#buffer.length < HEADER + length) {
        this.#need = HEADER + length;
        return;
      }
      const body = this.#buffer.slice(HEADER, HEADER + length);
      this.#buffer = this.#buffer.subarray(HEADER + length);
      this.onMessage(this.codec.decode(body));
    }
  }
}

/** Where a MAGIC cut short by the end of `bytes` starts, or `bytes.length` when there is none. */
function partialMagicAt(bytes: Uint8Array): number {
  for (let size = Math.min(MAGIC.length - 1, bytes.length); size > 0; size--) {
    let match = true;
    for (let j = 0; j < size; j++) {
      if (bytes[bytes.length - size + j] !== MAGIC[j]) {
        match = false;
        break;
      }
    }
    if (match) return bytes.length - size;
  }
  return bytes.length;
}

function findMagic(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(MAGIC[0] as number); i !== -1; i = bytes.indexOf(MAGIC[0] as number, i + 1)) {
    let match = true;
    for (let j = 1; j < MAGIC.length && i + j < bytes.length; j++) {
      if (bytes[i + j] !== MAGIC[j]) {
        match = false;
        break;
      }
    }
    if (match && i + MAGIC.length <= bytes.length) return i;
    if (match) return -1; // a partial MAGIC at the very end: wait for more bytes
  }
  return -1;
}

/** The parts as one array; a lone non-empty part is returned as it is, without a copy. */
function join(parts: Uint8Array[]): Uint8Array {
  const filled = parts.filter((p) => p.length > 0);
  if (filled.length <= 1) return filled[0] ?? new Uint8Array(0);
  const out = new Uint8Array(filled.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of filled) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
