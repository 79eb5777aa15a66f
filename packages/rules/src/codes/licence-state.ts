import { type CodeOf, type licenceStates } from "@jg/provinces";

/**
 * Driving-licence states (驾驶证状态, field `zt`): the codes of @jg/provinces' `licenceStates` table
 * (docs/domain-facts.md §5.5 [B]). A licence can be in several states at once (the real field holds
 * e.g. "HS"), so a licence carries a list.
 */
export type LicenceStateCode = CodeOf<typeof licenceStates>;

/**
 * R-ELG-4: the states in which a driver may not handle on the platform. 逾期未审验 S, 逾期未换证 M,
 * 转出 C, 停止使用 J, 锁定 L, 扣押 K, 扣留 U, 暂扣 D, 吊销 F, 撤销 E, 注销 G, 注销可恢复 R, 记满12分 B
 * (mapping from docs/domain-facts.md §5.5). H and I (unhandled violation / accident) are not on the manual's list.
 */
export const BLOCKING_LICENCE_STATES: readonly LicenceStateCode[] = [
  "S", "M", "C", "J", "L", "K", "U", "D", "F", "E", "G", "R", "B",
];
