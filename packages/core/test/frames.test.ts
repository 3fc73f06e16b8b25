// Frames over a byte stream: whole messages out of arbitrary chunks, and every byte that is not a
// frame passed through in order (what a task printed to stdout).
import { describe, expect, it } from "vitest";
import { encodeFrame, type FrameCodec, FrameReader } from "../src/worker-api.ts";

const json: FrameCodec = {
  encode: (m) => new TextEncoder().encode(JSON.stringify(m)),
  decode: (b) => JSON.parse(new TextDecoder().decode(b)),
};
const text = (s: string) => new TextEncoder().encode(s);

function read(chunks: Uint8Array[]) {
  const messages: unknown[] = [];
  let printed = "";
  const reader = new FrameReader(
    json,
    (m) => messages.push(m),
    (b) => {
      printed += new TextDecoder().decode(b);
    },
  );
  for (const chunk of chunks) reader.push(chunk);
  return { messages, printed };
}

function joined(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe("FrameReader", () => {
  it("reads frames between printed text, whatever the chunk boundaries", () => {
    const stream = joined(
      text("hello "),
      encodeFrame({ t: "ok", id: 1, value: [1, 2] }, json),
      text("world\n"),
      encodeFrame({ t: "ok", id: 2, value: "ü" }, json),
    );
    const expected = [
      { t: "ok", id: 1, value: [1, 2] },
      { t: "ok", id: 2, value: "ü" },
    ];
    for (const size of [1, 2, 3, 5, 7, 64, stream.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      const { messages, printed } = read(chunks);
      expect(messages, `chunks of ${size}`).toEqual(expected);
      expect(printed, `chunks of ${size}`).toBe("hello world\n");
    }
  });

  it("passes printed text through at once, keeping back only what may start a frame", () => {
    const { messages, printed } = read([text("TAIL-OUTPUT-LINE\n")]);
    expect(messages).toEqual([]);
    expect(printed).toBe("TAIL-OUTPUT-LINE\n"); // nothing is held back for a frame that never comes
    const frame = encodeFrame({ t: "ok" }, json);
    const split = read([joined(text("ab"), frame.slice(0, 2)), frame.slice(2)]);
    expect(split.messages).toEqual([{ t: "ok" }]);
    expect(split.printed).toBe("ab");
  });

  it("holds back a partial frame until the rest comes", () => {
    const frame = encodeFrame({ big: "x".repeat(1000) }, json);
    const messages: unknown[] = [];
    const reader = new FrameReader(json, (m) => messages.push(m));
    reader.push(frame.slice(0, 500));
    expect(messages).toEqual([]);
    reader.push(frame.slice(500));
    expect(messages).toEqual([{ big: "x".repeat(1000) }]);
  });

  it("encodeFrame throws, writing nothing, when the codec cannot encode the message", () => {
    const refusing: FrameCodec = {
      encode: () => {
        throw new TypeError("cannot encode");
      },
      decode: () => undefined,
    };
    expect(() => encodeFrame({}, refusing)).toThrow("cannot encode");
  });
});
