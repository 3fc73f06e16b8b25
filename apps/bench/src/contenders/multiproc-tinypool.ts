// multiproc's Pool on tinypool (`@multiproc/node/tinypool`), kind thread.
import type { Contender } from "./contender.ts";
import { createPool } from "./multiproc.ts";

export const create = (kind: string): Promise<Contender> => createPool(kind, "tinypool");
