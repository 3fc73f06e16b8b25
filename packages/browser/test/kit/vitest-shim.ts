// What the conformance kit uses of vitest, for a page: describe/it/skip, beforeAll/afterEach, and
// vitest's own expect (@vitest/expect on chai). The kit registers its tests here as it would in
// vitest; the Node side lists them and runs each one in the page (see kit-page.ts).
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  chai,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
} from "@vitest/expect";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Fn = () => unknown;

/** A registered test: its full name, and why it is skipped (undefined: it runs). */
export interface KitTest {
  name: string;
  skip?: string | undefined;
  fn: Fn;
  timeout: number;
  suites: Suite[];
}

interface Suite {
  beforeAll: Fn[];
  afterEach: Fn[];
  ranBeforeAll: boolean;
  /** The time limit of its tests that set none (vitest's `describe(name, { timeout }, fn)`). */
  timeout?: number | undefined;
}

/** What a describe() may take between its name and its function. */
interface SuiteOptions {
  timeout?: number;
}

const DEFAULT_TIMEOUT = 20_000;
const root: Suite = { beforeAll: [], afterEach: [], ranBeforeAll: false };
const stack: { name: string; suite: Suite }[] = [];
export const tests: KitTest[] = [];

const fullName = (name: string) => [...stack.map((s) => s.name), name].join(" > ");
const current = () => stack.at(-1)?.suite ?? root;

function register(name: string, fn: Fn, timeout?: number, skip?: string): void {
  const suites = [root, ...stack.map((s) => s.suite)];
  // The test's own limit, else its innermost suite's that has one, else the default.
  const limit = timeout ?? suites.findLast((s) => s.timeout !== undefined)?.timeout ?? DEFAULT_TIMEOUT;
  tests.push({ name: fullName(name), fn, timeout: limit, skip, suites });
}

export const it = Object.assign((name: string, fn: Fn, timeout?: number) => register(name, fn, timeout), {
  skip: (name: string, fn: Fn) => register(name, fn, undefined, "skipped"),
  skipIf: (condition: unknown) => (name: string, fn: Fn, timeout?: number) =>
    register(name, fn, timeout, condition ? "skipped" : undefined),
});
export const test = it;

function suite(name: string, fnOrOptions: Fn | SuiteOptions, skipped: boolean, maybeFn?: Fn): void {
  const [fn, options] = typeof fnOrOptions === "function" ? [fnOrOptions, {}] : [maybeFn, fnOrOptions];
  if (!fn) throw new Error(`describe("${name}") has no function`);
  const suite: Suite = { beforeAll: [], afterEach: [], ranBeforeAll: false, timeout: options.timeout };
  const entry = { name, suite };
  stack.push(entry);
  const before = tests.length;
  try {
    fn(); // the kit's suites register synchronously (testPrograms, which does not, is not used here)
  } finally {
    stack.pop();
  }
  if (skipped) for (const t of tests.slice(before)) t.skip ??= "skipped";
}

type Describe = (name: string, fnOrOptions: Fn | SuiteOptions, fn?: Fn) => void;
export const describe = Object.assign(
  ((name, fnOrOptions, fn) => suite(name, fnOrOptions, false, fn)) as Describe,
  {
    skip: ((name, fnOrOptions, fn) => suite(name, fnOrOptions, true, fn)) as Describe,
    skipIf: (condition: unknown) =>
      ((name, fnOrOptions, fn) => suite(name, fnOrOptions, !!condition, fn)) as Describe,
  },
);

export const beforeAll = (fn: Fn) => current().beforeAll.push(fn);
export const afterEach = (fn: Fn) => current().afterEach.push(fn);

export const expect = Object.assign(
  (value: unknown, message?: string) => chai.expect(value, message),
  chai.expect,
);
Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);

/** Runs one registered test: its suites' beforeAll once, the test, then every afterEach (innermost first). */
export async function runTest(test: KitTest): Promise<void> {
  for (const s of test.suites)
    if (!s.ranBeforeAll) {
      s.ranBeforeAll = true;
      for (const hook of s.beforeAll) await hook();
    }
  let failure: unknown;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      test.fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Test timed out in ${test.timeout}ms.`)), test.timeout);
      }),
    ]);
  } catch (error) {
    failure = error;
  } finally {
    clearTimeout(timer);
  }
  for (const s of [...test.suites].reverse())
    for (const hook of s.afterEach) {
      try {
        await hook();
      } catch (error) {
        failure ??= error;
      }
    }
  if (failure !== undefined) throw failure;
}
