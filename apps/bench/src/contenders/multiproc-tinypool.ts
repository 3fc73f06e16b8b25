// multiproc's Pool on the Node adapter's tinypool-backed engine (`engine: "tinypool"`), kind thread.
import type { Contender } from "./contender.ts";
import { createPool } from "./multiproc.ts";

export const create = (kind: string): Promise<Contender> => createPool(kind, "tinypool");
