import { bindAdapter } from "@multiproc/core/adapter";
import { inProcessAdapter } from "@multiproc/core/in-process";
import { testAdapter } from "../src/index.ts";

// The in-process adapter bound as an adapter package binds its own: the suite runs what users get.
// What it cannot do (crash, hard timeouts, signals, …) is declared on the adapter itself.
const { Pool, Process } = bindAdapter(inProcessAdapter);

testAdapter({ adapter: inProcessAdapter, Pool, Process, kind: "thread" });
