import { describe, expect, it } from "vitest";
import { languageOf } from "./language";

describe("languageOf (Accept-Language)", () => {
  it.each([
    [undefined, "zh"],
    ["", "zh"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
    ["en;q=0.5,zh;q=0.8", "zh"],
    ["fr-FR,en;q=0.3", "en"],
    ["fr-FR", "zh"],
    ["en;q=0,zh", "zh"],
  ])("%j → %s", (header, lang) => {
    expect(languageOf(header)).toBe(lang);
  });
});
