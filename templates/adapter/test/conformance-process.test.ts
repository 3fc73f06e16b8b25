// The whole conformance suite for kind "process" (see conformance-thread.test.ts).
import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "multiproc-adapter-template";
import { templateAdapter } from "multiproc-adapter-template/adapter";

testAdapter({ adapter: templateAdapter, Pool, Process, kind: "process" });
