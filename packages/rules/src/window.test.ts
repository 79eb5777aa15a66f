import { describe, expect, it } from "vitest";
import { cst } from "./test-fixtures";
import { inMaintenanceWindow, maintenanceWindowDenial } from "./window";
import { WINDOW_CASES } from "./window.cases";


describe("maintenance window", () => {
  it.each(WINDOW_CASES)("$name", ({ at, inside }) => {
    expect(inMaintenanceWindow(new Date(at))).toBe(inside);
    const denial = maintenanceWindowDenial(new Date(at));
    expect(denial?.code).toBe(inside ? "MAINTENANCE_WINDOW" : undefined);
    if (denial) expect(denial.ruleId).toBe("R-MNT-1");
  });

  it("R-MNT-1 reads 22:00 CST as 14:00 UTC, not as 22:00 in the process zone", () => {
    expect(inMaintenanceWindow(new Date("2024-03-05T14:00:00Z"))).toBe(true);
    expect(inMaintenanceWindow(new Date("2024-03-05T22:00:00Z"))).toBe(false);
  });

  it("R-MNT-1 accepts another province's window that does not wrap midnight", () => {
    const window = { startMinute: 2 * 60, endMinute: 4 * 60 };
    expect(inMaintenanceWindow(cst("2024-03-05T01:59:59"), window)).toBe(false);
    expect(inMaintenanceWindow(cst("2024-03-05T02:00:00"), window)).toBe(true);
    expect(inMaintenanceWindow(cst("2024-03-05T03:59:59"), window)).toBe(true);
    expect(inMaintenanceWindow(cst("2024-03-05T04:00:00"), window)).toBe(false);
    expect(inMaintenanceWindow(cst("2024-03-05T22:30:00"), window)).toBe(false);
  });

  it("R-MNT-1 treats an empty window as never closed", () => {
    expect(inMaintenanceWindow(cst("2024-03-05T22:30:00"), { startMinute: 0, endMinute: 0 })).toBe(false);
  });
});
