import { describe, expect, it } from "vitest";
import { envBool, envInt, envJson, envString } from "./env";

describe("environment helpers: one rule for every configuration", () => {
  it.each(["1", "true", "TRUE", "yes", "Yes", "on", " on "])("reads %j as true", (text) => {
    expect(envBool({ FLAG: text }, "FLAG")).toBe(true);
  });

  it.each(["0", "false", "False", "no", "NO", "off"])("reads %j as false", (text) => {
    expect(envBool({ FLAG: text }, "FLAG")).toBe(false);
  });

  it("reads an unset or empty variable as undefined, so the schema's default applies", () => {
    expect(envBool({}, "FLAG")).toBeUndefined();
    expect(envBool({ FLAG: "" }, "FLAG")).toBeUndefined();
    expect(envInt({ N: "" }, "N")).toBeUndefined();
    expect(envJson({}, "J")).toBeUndefined();
    expect(envString({ S: "" }, "S")).toBeUndefined();
  });

  it.each(["2", "enable", "y", "truee", "-1"])("refuses %j as a boolean, naming the variable", (text) => {
    expect(() => envBool({ INTROSPECTION: text }, "INTROSPECTION")).toThrow(/INTROSPECTION must be one of 1\/true\/yes\/on or 0\/false\/no\/off/);
  });

  it("reads integers and refuses anything else, naming the variable", () => {
    expect(envInt({ PORT: "4000" }, "PORT")).toBe(4000);
    expect(envInt({ PORT: "-3" }, "PORT")).toBe(-3);
    for (const bad of ["4000ms", "1.5", "0x10", "abc", "1e3", "99999999999999999999"]) {
      expect(() => envInt({ PORT: bad }, "PORT"), bad).toThrow(/PORT must be an integer/);
    }
  });

  it("parses JSON and names the variable on a syntax error", () => {
    expect(envJson({ J: '{"a":[1]}' }, "J")).toEqual({ a: [1] });
    expect(() => envJson({ J: "{a:1}" }, "J")).toThrow(/J is not valid JSON/);
  });
});
