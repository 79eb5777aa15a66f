/**
 * Word tables for plausible synthetic data. None of it names a real person or company: names are
 * random combinations, company names use invented trade names (字号). Area codes and road names are
 * real places, chosen so that records look like what the platform shows (docs/domain-facts.md §7: 违法地点 is
 * free text).
 */

/** Common Chinese surnames (the most frequent ones in national statistics). */
export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
  "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "袁",
] as const;

/** Characters common in given names; a given name is one or two of them. */
export const GIVEN_NAME_CHARACTERS = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
  "霞", "平", "刚", "桂", "英", "华", "文", "玉", "兰", "建", "国", "红", "志", "林", "波", "宇", "浩", "欣",
  "婷", "雪", "鹏", "辉", "倩", "琳", "晨", "川", "渝", "嘉", "俊", "梅",
] as const;

/** Real GB/T 2260 county-level codes of Chongqing districts, for resident ID numbers (area 500xxx). */
export const CHONGQING_DISTRICT_CODES = [
  "500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108", "500109", "500110",
  "500111", "500112", "500113", "500114", "500115", "500116", "500117", "500118", "500119", "500120",
] as const;

/** Mobile prefixes of the three carriers' classic 13x/15x/18x ranges. */
export const PHONE_PREFIXES = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
  "150", "151", "152", "153", "155", "156", "157", "158", "159",
  "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
] as const;

/** Invented two-character trade names (字号) for company names. */
export const TRADE_NAMES = [
  "渝达", "山城", "嘉陵", "长江", "巴渝", "两江", "朝天", "南山", "缙云", "合川", "江津", "永川", "涪州",
  "佳运", "顺通", "恒发", "鑫源", "宏远", "瑞丰", "华驰", "捷程", "安途", "众诚", "汇通", "锦程", "远航",
] as const;

/** A road or place per province: the occurrence province's own roads (a few real ones per province). */
export const ROADS_BY_PROVINCE: Readonly<Record<string, readonly string[]>> = {
  "50": [
    "渝中区解放碑民族路", "渝中区长江一路", "江北区北滨一路", "江北区建新北路", "渝北区金开大道", "渝北区新南路",
    "九龙坡区科园四路", "九龙坡区杨家坪正街", "南岸区南坪西路", "沙坪坝区三峡广场汉渝路", "大渡口区松青路",
    "巴南区龙洲大道", "北碚区云华路", "内环快速路石马河立交", "G75兰海高速渝黔段",
  ],
  "51": ["成都市天府大道北段", "成都市人民南路四段", "成都市一环路南三段", "成都市蜀都大道", "绵阳市剑南路", "G5京昆高速成绵段"],
  "52": ["贵阳市中华北路", "贵阳市遵义路", "贵阳市北京路", "遵义市红军街", "G75兰海高速贵遵段"],
  "11": ["北京市东长安街", "北京市东三环中路", "北京市中关村大街", "北京市西二环", "G4京港澳高速北京段"],
  "44": ["广州市天河路", "广州市中山大道西", "深圳市深南大道", "佛山市季华路", "东莞市东莞大道"],
  "33": ["杭州市延安路", "杭州市文三路", "宁波市中山东路", "温州市车站大道"],
  "42": ["武汉市解放大道", "武汉市中南路", "宜昌市东山大道"],
  "43": ["长沙市五一大道", "长沙市芙蓉中路", "岳临高速岳阳段"],
  "61": ["西安市长安路", "西安市雁塔路", "西安市南二环"],
};

/** Roads for a province without its own list: generic names that exist in most Chinese cities. */
export const GENERIC_ROADS = ["人民路", "解放路", "中山路", "建设路", "新华路", "胜利路"] as const;
