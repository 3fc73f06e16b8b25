// The adapter for the runtime running this program: same names everywhere.
const adapter = globalThis.Deno ? "@multiproc/deno" : globalThis.Bun ? "@multiproc/bun" : "@multiproc/node";
export const { Pool, Process } = await import(adapter);

/** Options passed by the demo driver as one JSON argument. */
export const options = JSON.parse(globalThis.Deno ? Deno.args[0] : process.argv[2]);

/** The one line the driver reads back. */
export function report(result) {
  console.log(`MULTIPROC-RESULT ${JSON.stringify(result)}`);
}
