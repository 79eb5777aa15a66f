/** Shared inputs of this package's tests: a fixed "now" and a set of occurrence provinces. */
import { generatePopulation } from "./generate";
import { presets } from "./options";
import { type Population } from "./population.types";

/** 2026-11-24 10:00 CST. */
export const NOW = new Date("2026-11-24T02:00:00Z");
/** Chongqing plus researched and default-schedule provinces. */
export const PROVINCES = ["50", "51", "52", "11", "44", "65"];

export const demo = (seed: number, provinces = PROVINCES): Population => generatePopulation(presets.demo({ seed, now: NOW, provinces }));
export const tiny = (seed: number, provinces = PROVINCES): Population => generatePopulation(presets.tiny({ seed, now: NOW, provinces }));
