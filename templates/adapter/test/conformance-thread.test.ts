// The whole conformance suite for kind "thread", against what users get: the package imported by
// its own name (its built dist/, as installed), and the adapter object for its capabilities.
import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "multiproc-adapter-template";
import { templateAdapter } from "multiproc-adapter-template/adapter";

testAdapter({ adapter: templateAdapter, Pool, Process, kind: "thread" });
