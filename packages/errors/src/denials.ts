/**
 * Business denials: every reason the manual (docs/rules.md) lets a program refuse an action. A denial is an
 * answer, not a fault: services return it inside result types (`denials: [Denial!]!`), with its stable
 * code, the rule ID it comes from, and the message in Chinese and English.
 *
 * Rule IDs are those of `docs/rules.md` (`R-ELG-6`, sub-items as `R-ELG-1e`). The one rule that is not
 * in the manual cites its fact in `docs/domain-facts.md` as `DF-<section>` (DF-9.1: daily/yearly
 * filing limits seen in other provinces, off by default).
 *
 * Messages may hold `{param}` placeholders; the same placeholders appear in both languages (a test
 * checks it), and `messageFor` fills them.
 */
export const DENIALS = {
  // Registration (R-REG-1, R-REG-2)
  APP_REGISTRATION_STEP_MISSING: {
    kind: "DENIAL",
    ruleId: "R-REG-1",
    zh: "APP注册尚未完成：缺少“{step}”步骤",
    en: "App registration is not complete: the step “{step}” is missing",
  },
  WEB_REGISTRATION_STEP_MISSING: {
    kind: "DENIAL",
    ruleId: "R-REG-2",
    zh: "网站注册尚未完成：缺少“{step}”步骤",
    en: "Website registration is not complete: the step “{step}” is missing",
  },

  // Filing (R-FIL-1..6, R-ELG-2, DF-9.1)
  OWN_VEHICLE_ATTACHED_AUTOMATICALLY: {
    kind: "DENIAL",
    ruleId: "R-FIL-1",
    zh: "本人名下机动车已自动关联，无需备案",
    en: "Vehicles in your own name are attached automatically and need no filing",
  },
  FILING_LIMIT_USER: {
    kind: "DENIAL",
    ruleId: "R-FIL-2",
    zh: "您已备案{limit}辆他人名下机动车，请先解除一辆再备案",
    en: "You already have {limit} vehicles of other owners filed; release one before filing another",
  },
  FILING_LIMIT_VEHICLE: {
    kind: "DENIAL",
    ruleId: "R-FIL-3",
    zh: "该机动车已有{limit}名备案驾驶人，需先解除一名后才能备案",
    en: "This vehicle already has {limit} filed drivers; one must be released before another can file it",
  },
  FILING_METHOD_NEEDS_OWNER: {
    kind: "DENIAL",
    ruleId: "R-FIL-5",
    zh: "个人名下机动车须通过扫描车主二维码或发送至车主手机的短信验证码备案",
    en: "A person's vehicle is filed by scanning the owner's QR code or with the SMS code sent to the owner's phone",
  },
  FILING_METHOD_NEEDS_MANAGER: {
    kind: "DENIAL",
    ruleId: "R-FIL-6",
    zh: "单位名下机动车须通过发送至车辆管理人手机的短信验证码备案",
    en: "A company's vehicle is filed with the SMS code sent to the phone of its recorded manager",
  },
  FILING_DAILY_LIMIT: {
    kind: "DENIAL",
    ruleId: "DF-9.1",
    zh: "每天最多提交{limit}次备案申请",
    en: "At most {limit} filing application(s) may be made per day",
  },
  FILING_YEARLY_LIMIT: {
    kind: "DENIAL",
    ruleId: "DF-9.1",
    zh: "每年最多提交{limit}次备案申请",
    en: "At most {limit} filing applications may be made per calendar year",
  },

  // Eligibility: vehicle and relation (R-ELG-1a/b/c, R-ELG-2, R-ELG-3, R-ELG-7)
  NOT_DRIVERS_VEHICLE: {
    kind: "DENIAL",
    ruleId: "R-ELG-1a",
    zh: "该机动车不在您名下，也未备案或租赁给您",
    en: "This vehicle is not in your name, nor filed by you or leased to you",
  },
  VEHICLE_NOT_SMALL_CAR: {
    kind: "DENIAL",
    ruleId: "R-ELG-1a",
    zh: "只能自助处理小型汽车的交通违法（号牌种类：{plateType}）",
    en: "Only violations of small cars can be handled on the platform (plate type: {plateType})",
  },
  VEHICLE_OPERATING: {
    kind: "DENIAL",
    ruleId: "R-ELG-1b",
    zh: "只能自助处理非营运车辆的交通违法（使用性质：{useNature}）",
    en: "Only violations of non-operating vehicles can be handled on the platform (use nature: {useNature})",
  },
  VEHICLE_STATE_BLOCKS: {
    kind: "DENIAL",
    ruleId: "R-ELG-1c",
    zh: "机动车处于转出、报废、注销或被盗抢状态（{states}），不能自助处理",
    en: "The vehicle is transferred out, scrapped, deregistered or stolen ({states}) and cannot be handled on the platform",
  },
  COMPANY_VEHICLE_NOT_ALLOWED: {
    kind: "DENIAL",
    ruleId: "R-ELG-2",
    zh: "当前政策不允许备案单位名下机动车或处理其交通违法",
    en: "The policy in force does not allow filing a company's vehicle or handling its violations",
  },
  BEFORE_FILING: {
    kind: "DENIAL",
    ruleId: "R-ELG-3",
    zh: "只能处理备案生效后发生的交通违法（有记分的违法）",
    en: "Only violations that occurred after the filing took effect can be handled (for violations carrying points)",
  },
  OUTSIDE_LEASE: {
    kind: "DENIAL",
    ruleId: "R-ELG-7",
    zh: "该交通违法不是在您的租赁期间内发生的",
    en: "This violation did not occur during your lease",
  },
  LEASE_NOT_CAMERA_RECORDED: {
    kind: "DENIAL",
    ruleId: "R-ELG-7",
    zh: "承租人只能处理租赁期间交通技术监控设备记录的交通违法",
    en: "A lessee may handle only camera-recorded violations of the lease period",
  },

  // Eligibility: the violation itself (R-ELG-1d/e/f)
  PLATFORM_CLOSED: {
    kind: "DENIAL",
    ruleId: "R-ELG-1d",
    zh: "违法发生地省份（{province}）尚未开通互联网服务平台",
    en: "The province where the violation occurred ({province}) has not opened its internet platform",
  },
  FINE_OVER_200: {
    kind: "DENIAL",
    ruleId: "R-ELG-1e",
    zh: "罚款金额{fineYuan}元超过200元，不适用简易程序",
    en: "The fine of {fineYuan} yuan exceeds 200 yuan, so the simple procedure does not apply",
  },
  POINTS_OVER_6: {
    kind: "DENIAL",
    ruleId: "R-ELG-1e",
    zh: "记分{points}分超过6分，不能自助处理",
    en: "The violation carries {points} points, more than 6, and cannot be handled on the platform",
  },
  NOT_CAMERA_RECORDED: {
    kind: "DENIAL",
    ruleId: "R-ELG-1f",
    zh: "只能自助处理交通技术监控设备记录的交通违法",
    en: "Only camera-recorded violations can be handled on the platform",
  },

  // Eligibility: the driver's licence (R-ELG-4, R-ELG-5, R-ELG-6)
  NO_LICENCE: {
    kind: "DENIAL",
    ruleId: "R-ELG-4",
    zh: "您的账户未关联有效的机动车驾驶证",
    en: "No driving licence is linked to your account",
  },
  LICENCE_STATE_BLOCKS: {
    kind: "DENIAL",
    ruleId: "R-ELG-4",
    zh: "驾驶证状态（{states}）不允许自助处理交通违法",
    en: "The driving licence's state ({states}) does not allow handling violations on the platform",
  },
  FULL_SCORE_3_TIMES: {
    kind: "DENIAL",
    ruleId: "R-ELG-5",
    zh: "一个记分周期内已{count}次记满12分，不能自助处理",
    en: "The licence reached 12 points {count} times in this scoring cycle and cannot be used on the platform",
  },
  POINTS_WOULD_REACH_12: {
    kind: "DENIAL",
    ruleId: "R-ELG-6",
    zh: "本次违法记分{points}分与当前累积记分{current}分之和达到12分及以上",
    en: "This violation's {points} points plus the current {current} points would reach 12 or more",
  },

  // How handling goes (R-OPS-2), maintenance (R-MNT-1)
  NOTICE_NOT_ACCEPTED: {
    kind: "DENIAL",
    ruleId: "R-OPS-2",
    zh: "请先阅读并同意业务须知",
    en: "Read and accept the business notice first",
  },
  NOT_YET_HANDLED: {
    kind: "DENIAL",
    ruleId: "R-OPS-2",
    zh: "该交通违法尚未处理，请先处理再缴款",
    en: "This violation has not been handled yet; handle it before paying",
  },
  MAINTENANCE_WINDOW: {
    kind: "DENIAL",
    ruleId: "R-MNT-1",
    zh: "每天22时至次日1时为银行缴款系统对账维护时段，暂停处理交通违法",
    en: "Violations cannot be handled between 22:00 and 01:00 (China Standard Time) while the bank payment system reconciles",
  },

  // Payment and duplicates (R-PAY-1, R-DUP-1)
  PAYMENT_DEADLINE_PASSED: {
    kind: "DENIAL",
    ruleId: "R-PAY-1",
    zh: "已超过处理后2小时的缴款期限，违法记录已退回未处理状态",
    en: "The 2-hour payment deadline after handling has passed; the record returns to unhandled",
  },
  NOTHING_TO_REVERT: {
    kind: "DENIAL",
    ruleId: "R-PAY-1",
    zh: "只有已处理未缴款的违法记录才能退回未处理状态",
    en: "Only a handled, unpaid record can return to unhandled",
  },
  ALREADY_HANDLED: {
    kind: "DENIAL",
    ruleId: "R-DUP-1",
    zh: "该交通违法已处理，请勿重复处理",
    en: "This violation has already been handled; do not handle it again",
  },
  ALREADY_PAID: {
    kind: "DENIAL",
    ruleId: "R-DUP-1",
    zh: "该交通违法罚款已缴纳，请勿重复缴款",
    en: "The fine for this violation has already been paid; do not pay it again",
  },

  // Jurisdiction (R-OOP-1, R-OBJ-1)
  HANDLED_BY_OCCURRENCE_PROVINCE: {
    kind: "DENIAL",
    ruleId: "R-OOP-1",
    zh: "该交通违法发生在{province}，须在违法发生地平台处理",
    en: "This violation occurred in province {province} and is handled on that province's platform",
  },
  OBJECTION_NOT_ON_PLATFORM: {
    kind: "DENIAL",
    ruleId: "R-OBJ-1",
    zh: "对违法事实有异议，请向违法行为发生地公安机关交通管理部门提出，不要通过本平台处理",
    en: "A dispute about the facts must be raised with the traffic police where the violation occurred, not on the platform",
  },
} as const;
