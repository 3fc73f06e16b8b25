// Redis connections from a URL (redis:// or rediss:// for TLS, with an optional ACL user and
// password), and the URL with its secrets masked: the only form that is ever printed.
import { InvalidArgumentError, MultiprocError } from "@multiproc/core";
import { Redis } from "ioredis";

/** Where Redis is: `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS. */
export type Connection = string | URL;

/** Query parameters that may carry a credential (ioredis reads `?username=…&password=…`). */
const SECRET_PARAM = /pass|pwd|user|secret|token|auth|key|cred/i;

/**
 * The URL with user and password replaced by `***`, and so is every query parameter whose name
 * may carry a credential (`password`, `username`, `token`, …), for messages and logs.
 */
export function redact(connection: unknown): string {
  const text = connection instanceof URL ? connection.href : String(connection);
  try {
    const url = new URL(text);
    if (url.username) url.username = "***";
    if (url.password) url.password = "***";
    // Rebuilt by hand: URLSearchParams would re-encode the parameters that stay.
    if (url.search) url.search = maskQuery(url.search.slice(1));
    return url.href;
  } catch {
    // Not a URL: mask anything between the scheme and an "@", and secret-looking parameters.
    const masked = text.replace(/\/\/[^@/]*@/, "//***@");
    const query = masked.indexOf("?");
    return query < 0 ? masked : `${masked.slice(0, query)}?${maskQuery(masked.slice(query + 1))}`;
  }
}

function maskQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals < 0 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // a malformed escape: judge the name as written
      }
      return equals >= 0 && SECRET_PARAM.test(decoded) ? `${name}=***` : pair;
    })
    .join("&");
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

type Stream = { on(event: string, listener: () => void): unknown; ref?(): void; unref?(): void };
type Connect = (...args: unknown[]) => Promise<Stream>;

/** The sockets of a client and of its duplicates, and whether they keep the process alive. */
interface SocketGroup {
  held: boolean;
  streams: Set<Stream>;
  clients: Set<Redis>;
}
const groups = new WeakMap<Redis, SocketGroup>();

/**
 * Gives each socket of `client` (and of its duplicates, which BullMQ makes) an error listener
 * that outlives ioredis's own `once`: a TLS socket whose certificate is refused can fail twice
 * (the refusal, then the server's alert), and a second error with no listener would end the
 * process. ioredis hears the first one and reconnects as usual. It wraps ioredis's private
 * `connector`, the one place its sockets come from (ioredis offers no hook); without one, nothing.
 * The same place tracks the sockets for `holdOpen`.
 */
function guardStreams(client: Redis, group: SocketGroup): Redis {
  groups.set(client, group);
  group.clients.add(client);
  const connector = (client as unknown as { connector?: { connect?: Connect } }).connector;
  const connect = connector?.connect;
  if (connector && connect) {
    connector.connect = (...args) =>
      connect.apply(connector, args).then((stream) => {
        stream.on("error", () => {});
        group.streams.add(stream);
        stream.on("close", () => group.streams.delete(stream));
        if (!group.held) stream.unref?.();
        return stream;
      });
  }
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (...args: Parameters<Redis["duplicate"]>) => guardStreams(duplicate(...args), group);
  return client;
}

/**
 * Whether the sockets of `client` and of its duplicates keep the process alive (they do by
 * default). A driver lets go of them while no call is pending, so that a program that forgets
 * `close()` still exits, as it would with a local pool.
 */
export function holdOpen(client: Redis, held: boolean): void {
  const group = groups.get(client);
  if (!group || group.held === held) return;
  group.held = held;
  for (const stream of group.streams) {
    if (held) stream.ref?.();
    else stream.unref?.();
  }
}

/** Disconnects `client` and every duplicate made of it (BullMQ's), even those still reconnecting. */
export function disconnectAll(client: Redis): void {
  for (const each of groups.get(client)?.clients ?? [client]) each.disconnect();
}

/**
 * The tlsCa option checked: PEM text of the CA(s) that signed Redis's certificate, only with a
 * rediss:// URL. Undefined when not given (the runtime's trusted CAs then apply).
 */
export function checkTlsCa(tlsCa: unknown, url: string): string[] | undefined {
  if (tlsCa === undefined) return undefined;
  const list = Array.isArray(tlsCa) ? tlsCa : [tlsCa];
  if (
    list.length === 0 ||
    !list.every((pem) => typeof pem === "string" && pem.includes("-----BEGIN CERTIFICATE-----"))
  ) {
    throw new InvalidArgumentError(
      "tlsCa must be PEM text (-----BEGIN CERTIFICATE-----…) or a list of them, not a path: read the file first",
    );
  }
  if (!url.startsWith("rediss:")) {
    throw new InvalidArgumentError(`tlsCa is for a TLS connection: use a rediss:// URL, not ${redact(url)}`);
  }
  return list as string[];
}

/**
 * A new client for BullMQ (commands wait for a reconnection instead of failing). Its errors are
 * kept, not printed: ioredis would print them, and they may carry the address. `tlsCa` is trusted
 * for a rediss:// URL (a self-signed or private CA).
 */
export function redisClient(
  url: string,
  onError: (error: Error) => void = () => {},
  tlsCa?: string[] | undefined,
): Redis {
  // Lazy, so that its first socket is guarded too (duplicates inherit it; BullMQ connects them).
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: true,
    ...(tlsCa ? { tls: { ca: tlsCa } } : {}),
  });
  guardStreams(client, { held: true, streams: new Set(), clients: new Set() });
  client.on("error", onError);
  client.connect().catch(() => {}); // its errors come through "error"
  return client;
}

// Node's, Deno's and Bun's codes for a server certificate that will not be trusted: retrying cannot help.
const UNTRUSTED_CERTIFICATE =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_(HAS_EXPIRED|UNTRUSTED|SIGNATURE_FAILURE)|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/**
 * The error to give callers when Redis refuses the URL's credentials (a wrong password, an ACL
 * user without the rights) or its TLS certificate is not trusted, or undefined for a connection
 * error ioredis retries on its own.
 */
export function refusal(error: Error, url: string): MultiprocError | undefined {
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === "string" && UNTRUSTED_CERTIFICATE.test(code)) {
    return new MultiprocError(
      `the TLS certificate of Redis at ${redact(url)} is not trusted (${error.message}): for a CA of your own, give its certificate as tlsCa (multiproc-agent --tls-ca FILE)`,
    );
  }
  if (!/WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username/i.test(error.message)) return undefined;
  return new MultiprocError(`Redis at ${redact(url)} refused the connection: ${error.message}`);
}

/** The channel on which drivers tell agents to stop calls (a timeout, an abort, terminate()). */
export function cancelChannel(queue: string): string {
  return `bull:${queue}:multiproc:cancel`;
}
