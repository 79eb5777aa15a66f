/**
 * The 31 provincial-level divisions. Code, name, plate prefix and 12123 host: docs/domain-facts.md §5.1
 * (GB/T 2260, GA 36, HA 12123 client [B id 71407742680]). Area codes: real GB/T 2260 prefecture
 * (or municipal district) codes, a few per province, used to make violation IDs whose first six
 * digits name the recording agency's area (docs/design.md §3); Chongqing adds the police-unit prefix 504500
 * seen in real decision numbers [B id 2264747383]. Note 贵 (not 黔) and 云 (not 滇) are the plate
 * characters of Guizhou and Yunnan.
 */

/** One row: code, Chinese name, English name, plate character, host, capital area code, area codes. */
export type ProvinceRow = readonly [string, string, string, string, string, string, readonly string[]];

export const PROVINCE_ROWS: readonly ProvinceRow[] = [
  ["11", "北京", "Beijing", "京", "bj", "110100", ["110100", "110101", "110105", "110108"]],
  ["12", "天津", "Tianjin", "津", "tj", "120100", ["120100", "120101", "120104"]],
  ["13", "河北", "Hebei", "冀", "he", "130100", ["130100", "130200", "130600"]],
  ["14", "山西", "Shanxi", "晋", "sx", "140100", ["140100", "140200"]],
  ["15", "内蒙古", "Inner Mongolia", "蒙", "nm", "150100", ["150100", "150200"]],
  ["21", "辽宁", "Liaoning", "辽", "ln", "210100", ["210100", "210200"]],
  ["22", "吉林", "Jilin", "吉", "jl", "220100", ["220100", "220200"]],
  ["23", "黑龙江", "Heilongjiang", "黑", "hl", "230100", ["230100", "230200"]],
  ["31", "上海", "Shanghai", "沪", "sh", "310100", ["310100", "310101", "310115"]],
  ["32", "江苏", "Jiangsu", "苏", "js", "320100", ["320100", "320200", "320500"]],
  ["33", "浙江", "Zhejiang", "浙", "zj", "330100", ["330100", "330200", "330300"]],
  ["34", "安徽", "Anhui", "皖", "ah", "340100", ["340100", "340200"]],
  ["35", "福建", "Fujian", "闽", "fj", "350100", ["350100", "350200"]],
  ["36", "江西", "Jiangxi", "赣", "jx", "360100", ["360100", "360700"]],
  ["37", "山东", "Shandong", "鲁", "sd", "370100", ["370100", "370200"]],
  ["41", "河南", "Henan", "豫", "ha", "410100", ["410100", "410300"]],
  ["42", "湖北", "Hubei", "鄂", "hb", "420100", ["420100", "420500"]],
  ["43", "湖南", "Hunan", "湘", "hn", "430100", ["430100", "430200", "430181"]],
  ["44", "广东", "Guangdong", "粤", "gd", "440100", ["440100", "440300", "440600", "441900"]],
  ["45", "广西", "Guangxi", "桂", "gx", "450100", ["450100", "450200"]],
  ["46", "海南", "Hainan", "琼", "hi", "460100", ["460100", "460200"]],
  ["50", "重庆", "Chongqing", "渝", "cq", "500100", ["500100", "500101", "500102", "504500"]],
  ["51", "四川", "Sichuan", "川", "sc", "510100", ["510100", "510300"]],
  ["52", "贵州", "Guizhou", "贵", "gz", "520100", ["520100", "520300"]],
  ["53", "云南", "Yunnan", "云", "yn", "530100", ["530100", "530400"]],
  ["54", "西藏", "Tibet", "藏", "xz", "540100", ["540100"]],
  ["61", "陕西", "Shaanxi", "陕", "sn", "610100", ["610100", "610300"]],
  ["62", "甘肃", "Gansu", "甘", "gs", "620100", ["620100"]],
  ["63", "青海", "Qinghai", "青", "qh", "630100", ["630100"]],
  ["64", "宁夏", "Ningxia", "宁", "nx", "640100", ["640100"]],
  ["65", "新疆", "Xinjiang", "新", "xj", "650100", ["650100"]],
];
