/** Motor-vehicle states (机动车状态, field `zt`), docs/domain-facts.md §5.4 [B]. A vehicle may hold several. */
export const VEHICLE_STATES = {
  A: "正常",
  B: "转出",
  C: "被盗抢",
  D: "停驶",
  E: "注销",
  G: "违法未处理",
  H: "海关监管",
  I: "事故未处理",
  J: "嫌疑车",
  K: "查封",
  L: "暂扣",
  M: "强制注销",
  N: "事故逃逸",
  O: "锁定",
  P: "达到报废标准公告牌证作废",
  Q: "逾期未检验",
} as const;

export type VehicleStateCode = keyof typeof VEHICLE_STATES;

/**
 * R-ELG-1c: transferred out (转出 B), scrapped (报废: P, and M 强制注销 which is how scrapping ends),
 * deregistered (注销 E), stolen/robbed (盗抢 C). Mapping from docs/domain-facts.md §5.4.
 */
export const BLOCKING_VEHICLE_STATES: readonly VehicleStateCode[] = ["B", "P", "M", "E", "C"];
