// publint (strict: warnings fail too) and Are the Types Wrong? (ESM-only profile: CommonJS
// consumers are out of scope) on every packed tarball, exactly as a publisher would run them.
import { fileURLToPath } from "node:url";
import { describe, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { describeOutcome, runCommand } from "./support/run-command.ts";

const packed = inject("packed");
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const options = { cwd: fileURLToPath(new URL("..", import.meta.url)), env: cleanEnv(), timeoutMs: 60_000 };

// one concurrent block (vitest runs separate describe blocks one after another)
describe.concurrent("the tarballs", () => {
  for (const pkg of packed) {
    it(`${pkg.name} passes publint --strict`, async ({ expect }) => {
      const outcome = await runCommand(bin("publint"), ["run", "--strict", pkg.tarball], options);
      expect(outcome.code, describeOutcome(outcome)).toBe(0);
      expect(outcome.stdout).toContain("All good!");
    });

    it(`${pkg.name} passes attw --profile esm-only`, async ({ expect }) => {
      // the packages ship their own types: no need to ask the registry for @types
      const args = [pkg.tarball, "--profile", "esm-only", "--no-definitely-typed", "--no-color"];
      const outcome = await runCommand(bin("attw"), args, options);
      expect(outcome.code, describeOutcome(outcome)).toBe(0);
      expect(outcome.stdout).toContain(`"${pkg.name}"`);
    });
  }
});
