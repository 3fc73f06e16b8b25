// An error as it crosses the wire: the worker turns whatever a task threw into this plain shape,
// and the parent builds its typed errors from it.

/** The remote error as it crossed the wire: name, message and stack as the worker saw them. */
export interface SerializedError {
  /** The error's `name` (`"TypeError"`, or a custom class's name). */
  name: string;
  /** The error's `message`. */
  message: string;
  /** The stack trace as the worker printed it. */
  stack?: string | undefined;
  /** The error's `code` property (`"ENOENT"`, …), when it had one. */
  code?: unknown;
}

/** Turns anything thrown into the plain shape that crosses the wire. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // Only a plain value: an error's code is a string or a number, and anything else might not cross.
    const plain = ["string", "number", "boolean", "bigint"].includes(typeof code);
    return {
      name: String(error.name),
      message: String(error.message),
      stack: typeof error.stack === "string" ? error.stack : undefined,
      ...(plain ? { code } : {}),
    };
  }
  return { name: "Error", message: `non-Error value thrown: ${describe(error)}` };
}

function describe(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}
