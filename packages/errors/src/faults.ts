/**
 * Faults: request refusals (bad input, no permission, limits) and infrastructure failures. Services throw
 * them as `AppFault` and turn them into a `GraphQLError` whose `extensions.code` is the key below.
 * `httpStatus` is the status a non-GraphQL route (internal APIs, health) answers with; GraphQL responses
 * keep HTTP 200 as usual. An infrastructure fault's message is deliberately generic: the cause belongs
 * in the log, never in the response.
 *
 * Other engineers append codes here as their services need them; a code is never renamed or reused.
 */
export const FAULTS = {
  BAD_USER_INPUT: { kind: "FAULT", httpStatus: 400, zh: "请求参数有误：{reason}", en: "Invalid input: {reason}" },
  UNAUTHENTICATED: { kind: "FAULT", httpStatus: 401, zh: "请先登录", en: "Authentication is required" },
  FORBIDDEN: { kind: "FAULT", httpStatus: 403, zh: "无权执行此操作", en: "You are not allowed to do this" },
  NOT_FOUND: { kind: "FAULT", httpStatus: 404, zh: "未找到该记录", en: "Not found" },
  INTERNAL_SERVER_ERROR: {
    kind: "FAULT",
    httpStatus: 500,
    zh: "系统繁忙，请稍后再试",
    en: "Something went wrong on our side; please try again later",
  },
  RATE_LIMITED: { kind: "FAULT", httpStatus: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; slow down" },
  INVALID_VIOLATION_ID: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "违法编号格式有误：{id}",
    en: "Malformed violation ID: {id}",
  },
  INVALID_PLATE: { kind: "FAULT", httpStatus: 400, zh: "号牌号码格式有误：{plate}", en: "Malformed plate number: {plate}" },
  INVALID_PROVINCE_CODE: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "省份代码格式有误：{code}",
    en: "Malformed province code: {code}",
  },
  UNKNOWN_VIOLATION_CODE: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "未知的违法行为代码：{code}",
    en: "Unknown violation code: {code}",
  },
  OCCURRED_IN_FUTURE: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "违法时间不能晚于当前时间",
    en: "A violation cannot have occurred in the future",
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: "FAULT",
    httpStatus: 409,
    zh: "幂等键已用于参数不同的请求",
    en: "This idempotency key was already used with different arguments",
  },
  /**
   * handleViolation: every handling ID this idempotency key may use was voided (each authorize answer was
   * lost, docs/design.md §4). Not retryable with this key; the same request with a new key is decided afresh.
   */
  IDEMPOTENCY_KEY_EXHAUSTED: {
    kind: "FAULT",
    httpStatus: 409,
    zh: "该幂等键的请求已多次未获答复，请使用新的幂等键重新提交",
    en: "This idempotency key cannot be used again; send the request with a new idempotency key",
  },
  PROVINCE_UNAVAILABLE: {
    kind: "FAULT",
    httpStatus: 503,
    zh: "省份{province}的服务暂不可用",
    en: "The service of province {province} is unavailable",
  },
  PROVINCE_UNKNOWN: { kind: "FAULT", httpStatus: 404, zh: "未知的省份：{province}", en: "Unknown province: {province}" },
  WRONG_PROVINCE: {
    kind: "FAULT",
    httpStatus: 421,
    zh: "该请求不属于本省份服务（{province}）",
    en: "This request does not belong to the shard of province {province}",
  },
  SCHEMA_DRIFT: {
    kind: "FAULT",
    httpStatus: 502,
    zh: "省份服务的接口与统一接口不一致",
    en: "A province shard's schema differs from the composed schema",
  },
  QUERY_TOO_DEEP: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "查询嵌套层数超过上限{limit}",
    en: "The query is nested deeper than the limit of {limit}",
  },
  QUERY_TOO_COMPLEX: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "查询复杂度超过上限{limit}",
    en: "The query's cost exceeds the limit of {limit}",
  },
  TOO_MANY_ALIASES: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "查询别名数量超过上限{limit}",
    en: "The query uses more aliases than the limit of {limit}",
  },
  INTROSPECTION_DISABLED: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "接口自省已关闭",
    en: "Introspection is disabled",
  },
  DOCUMENT_TOO_LARGE: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "查询文档的词法单元数超过上限{limit}",
    en: "The document has more tokens than the limit of {limit}",
  },
  TOO_MANY_SELECTIONS: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "查询选择的字段数超过上限{limit}",
    en: "The document selects more fields than the limit of {limit}",
  },
  UNKNOWN_OPERATION: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "请求未指明文档中存在的唯一操作",
    en: "The request does not name exactly one operation of its document",
  },
  MALFORMED_REQUEST: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "请求体不是有效的GraphQL请求",
    en: "The request body is not a valid GraphQL request",
  },
  REQUEST_TOO_LARGE: {
    kind: "FAULT",
    httpStatus: 413,
    zh: "请求体超过{limit}字节",
    en: "The request body is larger than {limit} bytes",
  },
  /** TRUSTED_DOCUMENTS=enforce: the operation (by hash or by text) is not in the trusted-documents manifest. */
  OPERATION_NOT_TRUSTED: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "该操作不在可信操作清单中",
    en: "This operation is not in the trusted documents manifest",
  },
  HOME_PLATFORM_UNAVAILABLE: {
    kind: "FAULT",
    httpStatus: 503,
    zh: "户籍地平台暂不可用，请稍后再试",
    en: "The home platform is unavailable; please try again later",
  },
  SMS_CODE_INVALID: { kind: "FAULT", httpStatus: 400, zh: "短信验证码错误", en: "The SMS code is wrong" },
  SMS_CODE_EXPIRED: { kind: "FAULT", httpStatus: 400, zh: "短信验证码已过期", en: "The SMS code has expired" },
  SMS_CODE_TOO_MANY_ATTEMPTS: {
    kind: "FAULT",
    httpStatus: 429,
    zh: "短信验证码错误次数过多，请重新获取",
    en: "Too many wrong SMS codes; request a new one",
  },
  FACE_VERIFICATION_FAILED: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "人脸识别未通过",
    en: "Face verification failed",
  },
  PRODUCTION_ADAPTER_MISSING: {
    kind: "FAULT",
    httpStatus: 500,
    zh: "生产环境未配置{adapter}适配器",
    en: "No production adapter is configured for {adapter}",
  },
  LEASE_OVERLAP: {
    kind: "FAULT",
    httpStatus: 409,
    zh: "租赁期间与该车已有的租赁合同重叠",
    en: "The lease period overlaps an existing lease of this vehicle",
  },
  LEASE_PERIOD_INVALID: {
    kind: "FAULT",
    httpStatus: 400,
    zh: "租赁结束时间必须晚于开始时间",
    en: "A lease must end after it starts",
  },
  VEHICLE_NOT_IN_FLEET: {
    kind: "FAULT",
    httpStatus: 403,
    zh: "该车辆不属于本租赁企业",
    en: "This vehicle is not in the rental company's fleet",
  },
  UPLOAD_INVALID: { kind: "FAULT", httpStatus: 400, zh: "上传的文件无效", en: "The uploaded file is not valid" },
  UPLOAD_TOO_LARGE: {
    kind: "FAULT",
    httpStatus: 413,
    zh: "上传的文件超过{limit}字节",
    en: "The uploaded file is larger than {limit} bytes",
  },
  SERVICE_TOKEN_INVALID: {
    kind: "FAULT",
    httpStatus: 401,
    zh: "服务令牌无效",
    en: "The service token is not valid",
  },
  /** recordViolations: the handoff outbox lags beyond the configured bound; retry after `extensions.retryAfter` seconds. */
  HANDOFF_BACKLOG: {
    kind: "FAULT",
    httpStatus: 503,
    zh: "违法记录移交积压，请{retryAfter}秒后重试",
    en: "The handoff to the home platform is behind; retry in {retryAfter} s",
  },
  /** submitReconciliation: the business day has not ended yet (its cut-off is the nightly window's start, R-MNT-1). */
  BUSINESS_DAY_OPEN: {
    kind: "FAULT",
    httpStatus: 409,
    zh: "营业日{day}尚未结束，{cutoff}后方可对账",
    en: "Business day {day} has not ended; reconcile after {cutoff}",
  },
} as const;
