/**
 * Every shipped scenario, in the order `sim run all` runs them (lessee moves the clock days ahead and
 * cycle-rollover up to a year: late).
 */
import type { Scenario } from "../scenario";
import { bankReconciliation } from "./bank-reconciliation";
import { cycleRollover } from "./cycle-rollover";
import { deliveryDelay } from "./delivery-delay";
import { filedVehicle } from "./filed-vehicle";
import { filedVehicleEpidemic } from "./filed-vehicle-epidemic";
import { lessee } from "./lessee";
import { lostMessages } from "./lost-messages";
import { nightWindow } from "./night-window";
import { outOfProvince } from "./out-of-province";
import { provinceDown } from "./province-down";
import { raceToTwelve } from "./race-past-12";
import { revertAfterTwoHours } from "./revert";
import { slowProvince } from "./slow-province";
import { twoChannels } from "./two-channels";

export const scenarios: Scenario[] = [
  outOfProvince,
  revertAfterTwoHours,
  nightWindow,
  raceToTwelve,
  twoChannels,
  bankReconciliation,
  provinceDown,
  slowProvince,
  lostMessages,
  filedVehicle,
  lessee,
  cycleRollover,
  deliveryDelay,
  filedVehicleEpidemic,
];
