import { describe, expect, it } from "vitest";
import { cpuWindow } from "../src/cpu-meter";

describe("cpuWindow", () => {
  it("reads the measuring process last at the start and first at the end, so reading the others is not its own work", () => {
    const order: number[] = [];
    // Each read of another process costs the measuring process (pid 1) 1 ms of CPU.
    const cpu = new Map([
      [1, 100],
      [2, 50],
      [3, 70],
    ]);
    const read = (pid: number) => {
      order.push(pid);
      const ms = cpu.get(pid)!;
      if (pid !== 1) cpu.set(1, cpu.get(1)! + 1);
      return ms;
    };
    const stop = cpuWindow(
      new Map([
        ["simulator", 1],
        ["gateway", 2],
        ["chongqing", 3],
      ]),
      read,
      1,
    );
    cpu.set(1, cpu.get(1)! + 5);
    cpu.set(2, cpu.get(2)! + 7);
    const used = stop();
    expect(order).toEqual([2, 3, 1, 1, 2, 3]);
    expect(used).toEqual({ simulator: 5, gateway: 7, chongqing: 0 });
  });
});
