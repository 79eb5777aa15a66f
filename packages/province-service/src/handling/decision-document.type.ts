import { Field, ObjectType } from "type-graphql";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

/**
 * Where the penalty decision document (处罚决定书) of a handling is obtained (R-DOC-1): the platform
 * does not print it; the party prints it at a traffic police violation-handling window of the province
 * that decided it, with ID card and driving licence, quoting the decision number; the fine receipt
 * comes from the collecting bank. Chongqing's manual names a Postal Savings Bank branch; the other
 * provinces' collecting banks were NOT FOUND (docs/domain-facts.md §10), so they are marked assumed.
 */
@ObjectType({ simpleResolvers: true, description: "How to obtain the penalty decision document and the fine receipt (R-DOC-1)." })
export class DecisionDocument {
  @Field(() => String, { description: "决定书编号 to quote at the window." })
  decisionNumber!: string;

  @Field(() => String, { description: "Where and with what the document is printed, in the request's language." })
  printAt!: string;

  @Field(() => String, { description: "Who issues the fine receipt, in the request's language." })
  receiptFrom!: string;

  @Field(() => Boolean, { description: "True when the collecting bank is not from a source (only Chongqing's is)." })
  receiptAssumed!: boolean;
}

/** Builds the guidance for a decision made by `provinceName`'s traffic police (R-DOC-1). */
export function decisionDocument(
  decisionNumber: string,
  province: { code: string; nameZh: string; nameEn: string },
  lang: "zh" | "en",
): DecisionDocument {
  const chongqing = province.code === HOME_PROVINCE_CODE;
  const printAt =
    lang === "en"
      ? `Print it at a violation-handling window of the ${province.nameEn} traffic police, with your ID card and driving licence.`
      : `请持身份证、驾驶证到${province.nameZh}公安交通管理部门违法处理窗口打印处罚决定书。`;
  const receiptFrom = chongqing
    ? lang === "en"
      ? "The collecting bank: the Postal Savings Bank branch named in the Chongqing manual."
      : "罚款收据由代收银行（重庆手册指定的邮政储蓄银行网点）出具。"
    : lang === "en"
      ? `The collecting bank designated by ${province.nameEn} (not researched: assumed).`
      : `罚款收据由${province.nameZh}指定的代收银行出具（未查证，假定）。`;
  return Object.assign(new DecisionDocument(), { decisionNumber, printAt, receiptFrom, receiptAssumed: !chongqing });
}
