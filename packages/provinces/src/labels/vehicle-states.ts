import { labelTable } from "./label.types";

/**
 * 机动车状态 (vehicle zt), docs/domain-facts.md §5.4 [B id 5812144706, cn.convenience.utils.Constants; same
 * list ids 19243200, 5823628064]. There is no F. R-ELG-1c blockers: 转出 B, 报废 P and M, 注销 E, 盗抢 C
 * (`BLOCKING_VEHICLE_STATES` of @jg/rules).
 */
export const vehicleStates = labelTable("docs/domain-facts.md §5.4: [B] id 5812144706 (also ids 19243200, 5823628064)", [
  ["A", "正常", "Normal"],
  ["B", "转出", "Transferred out"],
  ["C", "被盗抢", "Stolen or robbed"],
  ["D", "停驶", "Laid up"],
  ["E", "注销", "Deregistered"],
  ["G", "违法未处理", "Unhandled violations"],
  ["H", "海关监管", "Under customs supervision"],
  ["I", "事故未处理", "Unhandled accident"],
  ["J", "嫌疑车", "Suspect vehicle"],
  ["K", "查封", "Sealed up"],
  ["L", "暂扣", "Temporarily detained"],
  ["M", "强制注销", "Compulsorily deregistered"],
  ["N", "事故逃逸", "Hit-and-run"],
  ["O", "锁定", "Locked"],
  ["P", "达到报废标准公告牌证作废", "Scrapping standard reached, plates void"],
  ["Q", "逾期未检验", "Overdue for inspection"],
]);
