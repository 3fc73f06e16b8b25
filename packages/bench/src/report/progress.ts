// The progress line: on a terminal one line rewritten in place, elsewhere one line per run.
export class Progress {
  readonly #total: number;
  readonly #started = performance.now();
  readonly #tty = Boolean(process.stderr.isTTY);
  #done = 0;

  constructor(total: number) {
    this.#total = total;
  }

  step(text: string): void {
    this.#done++;
    const elapsed = performance.now() - this.#started;
    const left = Math.round(((elapsed / this.#done) * (this.#total - this.#done)) / 1000);
    const line = `[${String(this.#done).padStart(String(this.#total).length)}/${this.#total}] ${text} (${left} s left)`;
    if (this.#tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
    else process.stderr.write(`${line}\n`);
  }

  end(): void {
    if (this.#tty) process.stderr.write("\r\x1b[K");
  }
}
