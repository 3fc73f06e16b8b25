// Redis connections from a URL (redis:// or rediss:// for TLS, with an optional ACL user and
// password), and the URL with its secrets masked: the only form that is ever printed.
import { InvalidArgumentError, MultiprocError } from "@multiproc/core";
import { Redis } from "ioredis";

/** Where Redis is: `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS. */
export type Connection = string | URL;

/** The URL with user and password replaced by `***`, for messages and logs. */
export function redact(connection: unknown): string {
  const text = connection instanceof URL ? connection.href : String(connection);
  try {
    const url = new URL(text);
    if (url.username) url.username = "***";
    if (url.password) url.password = "***";
    return url.href;
  } catch {
    // Not a URL: mask anything between the scheme and an "@".
    return text.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** The connection option checked: a redis:// or rediss:// URL, returned as a string. */
export function checkConnection(connection: unknown): string {
  const text = connection instanceof URL ? connection.href : connection;
  if (typeof text !== "string" || text === "") {
    throw new InvalidArgumentError("connection must be a Redis URL (redis://host:6379 or rediss://…)");
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`connection is not a URL: ${redact(text)}`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new InvalidArgumentError(`connection must be a redis:// or rediss:// URL, not ${redact(text)}`);
  }
  return text;
}

/** The queue option checked: a non-empty name without ":" (BullMQ's key separator). */
export function checkQueue(queue: unknown): string {
  if (typeof queue !== "string" || queue === "" || queue.includes(":")) {
    throw new InvalidArgumentError(
      `queue must be a non-empty name without ":", not ${JSON.stringify(queue)}`,
    );
  }
  return queue;
}

/**
 * A new client for BullMQ (commands wait for a reconnection instead of failing). Its errors are
 * kept, not printed: ioredis would print them, and they may carry the address.
 */
export function redisClient(url: string, onError: (error: Error) => void = () => {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  client.on("error", onError);
  return client;
}

/**
 * The error to give callers when Redis refuses the URL's credentials (a wrong password, an ACL
 * user without the rights), or undefined for a connection error ioredis retries on its own.
 */
export function refusal(error: Error, url: string): MultiprocError | undefined {
  if (!/WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username/i.test(error.message)) return undefined;
  return new MultiprocError(`Redis at ${redact(url)} refused the connection: ${error.message}`);
}

/** The channel on which drivers tell agents to stop calls (a timeout, an abort, terminate()). */
export function cancelChannel(queue: string): string {
  return `bull:${queue}:multiproc:cancel`;
}
