import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // 35 small files whose tests take about 2 s in all: a fresh module graph per file cost three
    // times that again, on each of four runtimes. The files restore what they change (fake
    // timers), so they share one graph.
    isolate: false,
  },
});
