// The Process-start floor, kind process, on every runtime: a bare child process that runs the
// article's task on the file named by its first argument and exits.

import { programArgs } from "../runtime.ts";
import { writeHi } from "../tasks/bench-tasks.ts";

const [file] = programArgs();
if (!file) throw new Error("usage: bare-start-process FILE");
await writeHi(file);
