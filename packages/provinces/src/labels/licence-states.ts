import { labelTable } from "./label.types";

/**
 * 驾驶证状态 (licence zt), docs/domain-facts.md §5.5 [B ids 10414673, 19243200]. The field may hold several
 * letters at once ("HS"). K is 扣押 (the source comment's "抵押" is a typo).
 */
export const licenceStates = labelTable("docs/domain-facts.md §5.5: [B] ids 10414673, 19243200", [
  ["A", "正常", "Valid"],
  ["B", "超分", "Points limit reached"],
  ["C", "转出", "Transferred out"],
  ["D", "暂扣", "Temporarily suspended"],
  ["E", "撤销", "Cancelled"],
  ["F", "吊销", "Revoked"],
  ["G", "注销", "Deregistered"],
  ["H", "违法未处理", "Unhandled violations"],
  ["I", "事故未处理", "Unhandled accident"],
  ["J", "停止使用", "Stopped"],
  ["K", "扣押", "Seized"],
  ["L", "锁定", "Locked"],
  ["M", "逾期未换证", "Overdue for renewal"],
  ["N", "延期换证", "Renewal deferred"],
  ["P", "延期体检", "Medical check deferred"],
  ["R", "注销可恢复", "Deregistered, recoverable"],
  ["S", "逾期未审验", "Overdue for inspection"],
  ["T", "延期审验", "Inspection deferred"],
  ["U", "扣留", "Detained"],
]);
