import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { AccountRow } from "../db/schema";

/** A registered user (docs/design.md §7). Licence, vehicles and filings are field resolvers (AccountResolver). */
@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: "A registered user of the platform." })
export class Account {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  /** Not exposed: links the licence and owned vehicles (R-FIL-1). */
  idNumber!: string;
}

export function toAccount(row: AccountRow): Account {
  return Object.assign(new Account(), { id: row.id, name: row.name, idNumber: row.idNumber });
}
