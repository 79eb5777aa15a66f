/* global setInterval */
// Preloaded (node --import) by shard-memory.bench.ts only: writes process.memoryUsage() and the V8
// heap spaces to the file named by JG_MEM_REPORT every second (an unref'd timer: it never keeps the
// process alive). Not part of any service.
import { writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";

const file = process.env["JG_MEM_REPORT"];
if (file) {
  const write = () => {
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
    writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), spaces }));
  };
  setInterval(write, 1000).unref();
}
