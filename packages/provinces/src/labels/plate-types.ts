import { labelTable } from "./label.types";

/**
 * 号牌种类 (hpzl), docs/domain-facts.md §5.2 [B ids 53777376374, 48174354232]. The platform's filing of other
 * people's vehicles is limited to 02 and 52 (§9.1). 31 武警 and 32 军用 appear in one source only and are
 * listed as such.
 */
export const plateTypes = labelTable("docs/domain-facts.md §5.2: [B] ids 53777376374 (01–24, 31, 32, 99), 48174354232 (25–31, 51, 52)", [
  ["01", "大型汽车", "Large vehicle"],
  ["02", "小型汽车", "Small car"],
  ["03", "使馆汽车", "Embassy car"],
  ["04", "领馆汽车", "Consulate car"],
  ["05", "境外汽车", "Foreign-registered car"],
  ["06", "外籍汽车", "Foreigner's car"],
  ["07", "普通摩托车", "Motorcycle (two/three-wheel)"],
  ["08", "轻便摩托车", "Light motorcycle"],
  ["09", "使馆摩托车", "Embassy motorcycle"],
  ["10", "领馆摩托车", "Consulate motorcycle"],
  ["11", "境外摩托车", "Foreign-registered motorcycle"],
  ["12", "外籍摩托车", "Foreigner's motorcycle"],
  ["13", "低速车", "Low-speed vehicle (farm transport)"],
  ["14", "拖拉机", "Tractor"],
  ["15", "挂车", "Trailer"],
  ["16", "教练汽车", "Driving-school car"],
  ["17", "教练摩托车", "Driving-school motorcycle"],
  ["18", "试验汽车", "Test car"],
  ["19", "试验摩托车", "Test motorcycle"],
  ["20", "临时入境汽车", "Temporary-entry car"],
  ["21", "临时入境摩托车", "Temporary-entry motorcycle"],
  ["22", "临时行驶车", "Temporary-permit vehicle"],
  ["23", "警用汽车", "Police car"],
  ["24", "警用摩托", "Police motorcycle"],
  ["25", "原农机号牌", "Former farm-machinery plate"],
  ["26", "香港入出境车", "Hong Kong cross-border vehicle"],
  ["27", "澳门入出境车", "Macao cross-border vehicle"],
  ["31", "武警号牌", "Armed-police plate"],
  ["32", "军用号牌", "Military plate"],
  ["51", "大型新能源汽车", "Large new-energy vehicle"],
  ["52", "小型新能源汽车", "Small new-energy vehicle"],
  ["99", "其他", "Other"],
]);
