/** Every shipped scenario, in the order `sim run all` runs them (lessee moves the clock days ahead: late). */
import type { Scenario } from "../scenario";
import { deliveryDelay } from "./delivery-delay";
import { filedVehicle } from "./filed-vehicle";
import { lessee } from "./lessee";
import { nightWindow } from "./night-window";
import { outOfProvince } from "./out-of-province";
import { provinceDown } from "./province-down";
import { raceToTwelve } from "./race-past-12";
import { revertAfterTwoHours } from "./revert";
import { twoChannels } from "./two-channels";

export const scenarios: Scenario[] = [outOfProvince, revertAfterTwoHours, nightWindow, raceToTwelve, twoChannels, provinceDown, filedVehicle, lessee, deliveryDelay];

/** A scenario by name, or undefined. */
export function scenarioNamed(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
