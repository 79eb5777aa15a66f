import { describe, expect, it } from "vitest";
import { assignHosts, defaultShardHosts } from "./service-env";

describe("shard hosts of the host layout (issue 12)", () => {
  it("starts one host per two cores, at least one", () => {
    expect(defaultShardHosts(1)).toBe(1);
    expect(defaultShardHosts(2)).toBe(1);
    expect(defaultShardHosts(3)).toBe(1);
    expect(defaultShardHosts(4)).toBe(2);
    expect(defaultShardHosts(16)).toBe(8);
  });

  it("splits the provinces round robin, never more hosts than provinces and never an empty one", () => {
    expect(assignHosts(["51", "52", "44", "42", "43", "61"], 1)).toEqual([["51", "52", "44", "42", "43", "61"]]);
    expect(assignHosts(["51", "52", "44"], 2)).toEqual([["51", "44"], ["52"]]);
    expect(assignHosts(["51", "52"], 8)).toEqual([["51"], ["52"]]);
    expect(assignHosts(["51"], 0)).toEqual([["51"]]);
    expect(assignHosts([], 2)).toEqual([]);
  });
});
