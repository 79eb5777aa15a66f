/**
 * A one-line progress bar on stderr for the load mode (redrawn in place on a terminal, one line per
 * update otherwise). Small enough not to need a dependency.
 */
export class ProgressBar {
  private last = 0;
  constructor(
    private readonly totalMs: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  /** Draws `elapsedMs` of the total with a status text; off a terminal at most every 5 s. */
  update(elapsedMs: number, status: string): void {
    const share = Math.min(1, elapsedMs / this.totalMs);
    const filled = Math.round(share * this.width);
    const line = `[${"#".repeat(filled)}${".".repeat(this.width - filled)}] ${(elapsedMs / 1000).toFixed(0)}/${(this.totalMs / 1000).toFixed(0)} s ${status}`;
    if (this.out.isTTY) this.out.write(`\r${line}`);
    else if (elapsedMs - this.last >= 5000 || (share === 1 && this.last < this.totalMs)) {
      this.last = elapsedMs;
      this.out.write(`${line}\n`);
    }
  }

  /** Ends the line on a terminal. */
  done(): void {
    if (this.out.isTTY) this.out.write("\n");
  }
}
