import { entry, NO_POINTS } from "./entry";
import { type ViolationCodeEntry } from "./violation-code.types";

/**
 * Speeding (small car) and stopping/parking (docs/domain-facts.md §2 rows 4–7, 20–29). Before 2022 one legacy
 * code (1352/1352A, 3 points) covered speeding below 20% on ordinary roads; 163号令 split it, so rows 20
 * and 21 get assumed codes and the legacy number is only mentioned here.
 */
export const SPEED_PARKING_CODES: readonly ViolationCodeEntry[] = [
  entry(4, "1039", "legacy", 0, NO_POINTS, "机动车违反规定停放、临时停车且驾驶人不在现场或驾驶人虽在现场拒绝立即驶离，妨碍其它车辆、行人通行的",
    "Illegal parking obstructing traffic, driver absent or refusing to move", "legacy [B] + [C]", { aliases: ["10390"], penaltyBasis: "§93" }),
  entry(5, "10391", "legacy", 0, NO_POINTS, "机动车不按规定临时停车影响其他车辆和行人通行的", "Illegal temporary stop",
    "[B] id 54542273110; Chongqing 2013 record", { penaltyBasis: "§93" }),
  entry(6, "10393", "legacy", 0, NO_POINTS, "机动车未按规定在限制、禁止的区域或者路段停靠的", "Stopping in a restricted or prohibited zone",
    "[B] id 54542273110", { penaltyBasis: "§93" }),
  entry(7, "10394", "legacy", 0, NO_POINTS, "机动车不按规定在人行道临时停车影响其他车辆和行人通行的", "Illegal stop on the pavement",
    "[B] id 54542273110", { penaltyBasis: "§93" }),
  entry(20, "9009", "assumed", 0, NO_POINTS, "驾驶小型汽车在高速公路、城市快速路以外的道路上超过规定时速未达10%的",
    "Speeding under 10%, ordinary road", "code NOT FOUND (legacy 1352/1352A covered <20% pre-2022), 9009 is assumed"),
  entry(21, "9010", "assumed", 0, NO_POINTS, "驾驶小型汽车在高速公路、城市快速路以外的道路上超过规定时速10%以上未达20%的",
    "Speeding 10% to under 20%, ordinary road", "code NOT FOUND (legacy 1352/1352A covered <20% pre-2022), 9010 is assumed"),
  entry(22, "1303", "legacy", 3, "163号令 §11-2", "驾驶小型汽车在高速公路、城市快速路以外的道路上超过规定时速20%以上未达50%的",
    "Speeding 20% to under 50%, ordinary road", "legacy 1303 (\"超过规定时速50%以下\", 3 pts) [B]; 1636 (6 pts pre-2022)", { aliases: ["1636"] }),
  entry(23, "9011", "assumed", 6, "163号令 §10-3", "驾驶小型汽车在高速公路、城市快速路以外的道路上超过规定时速50%以上的",
    "Speeding 50% or more, ordinary road", "code NOT FOUND, 9011 is assumed; fine per 道交法 §99", { penaltyBasis: "§99" }),
  entry(24, "9012", "assumed", 0, NO_POINTS, "驾驶小型汽车在高速公路、城市快速路上超过规定时速未达20%的",
    "Speeding under 20%, highway or expressway", "code NOT FOUND, 9012 is assumed"),
  entry(25, "4305", "legacy", 6, "163号令 §10-3", "驾驶小型汽车在高速公路、城市快速路上超过规定时速20%以上未达50%的",
    "Speeding 20% to under 50%, highway or expressway", "legacy 4305 \"在高速公路上超速不足50%的\" [B]"),
  entry(26, "9013", "assumed", 12, "163号令 §8-5", "驾驶小型汽车在高速公路、城市快速路上超过规定时速50%以上的",
    "Speeding 50% or more, highway or expressway", "code NOT FOUND, 9013 is assumed; fine per 道交法 §99", { penaltyBasis: "§99" }),
  entry(27, "4008", "legacy", 6, "163号令 §10-11", "在高速公路、城市快速路上违法占用应急车道行驶的", "Driving in the emergency lane", "legacy 4008 [B]"),
  entry(28, "9014", "assumed", 9, "163号令 §9-3", "在高速公路、城市快速路上违法停车的", "Illegal stop on a highway or expressway", "code NOT FOUND, 9014 is assumed"),
  entry(29, "9015", "assumed", 9, "163号令 §9-4", "驾驶未悬挂机动车号牌或者故意遮挡、污损机动车号牌的机动车上道路行驶的",
    "Missing or deliberately obscured plate", "code NOT FOUND, 9015 is assumed"),
];
