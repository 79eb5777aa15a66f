/**
 * Compares two `province` schemas by what a client can observe: every named type with its kind,
 * fields, arguments and their types, enum values, union members, interfaces and input fields.
 * Descriptions and directive spelling differ harmlessly between an SDL a shard prints and the one
 * extracted from the supergraph, so they are left out; federation's own types are left out too.
 */
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from "graphql";

const FEDERATION = /^(_|link__|federation__|join__)|^(FieldSet|String|Int|Float|Boolean|ID)$/;

/** One line per observable fact of the schema, sorted. */
export function fingerprint(schema: GraphQLSchema): string[] {
  const lines: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || FEDERATION.test(type.name)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      const kind = isObjectType(type) ? "type" : "interface";
      lines.push(`${kind} ${type.name} implements ${type.getInterfaces().map((i) => i.name).sort().join("&")}`);
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith("_")) continue;
        const args = field.args.map((a) => `${a.name}: ${String(a.type)}`).sort().join(", ");
        lines.push(`${kind} ${type.name}.${field.name}(${args}): ${String(field.type)}`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) lines.push(`input ${type.name}.${field.name}: ${String(field.type)}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) lines.push(`enum ${type.name}.${value.name}`);
    } else if (isUnionType(type)) {
      lines.push(`union ${type.name} = ${type.getTypes().map((t) => t.name).sort().join(" | ")}`);
    } else {
      lines.push(`scalar ${type.name}`);
    }
  }
  return lines.sort();
}

/** What one schema has that the other lacks ("+ …" only in `actual`, "- …" only in `expected`). */
export function schemaDifferences(expected: GraphQLSchema, actual: GraphQLSchema): string[] {
  return differencesFrom(new Set(fingerprint(expected)), actual);
}

/** `schemaDifferences` against an expected schema's fingerprint computed once (`fingerprint`). */
export function differencesFrom(want: ReadonlySet<string>, actual: GraphQLSchema): string[] {
  const have = new Set(fingerprint(actual));
  return [...[...want].filter((l) => !have.has(l)).map((l) => `- ${l}`), ...[...have].filter((l) => !want.has(l)).map((l) => `+ ${l}`)];
}
