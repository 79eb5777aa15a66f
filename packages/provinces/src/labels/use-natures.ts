import { labelTable } from "./label.types";

/**
 * 使用性质 (syxz), docs/domain-facts.md §5.3 [B id 27078686204; order corroborated by the Dahua SDK
 * EM_USE_PROPERTY_TYPE]. Only the letters found with certainty; others (school bus, ride-hailing …)
 * were NOT FOUND and are left out. A is the non-operating nature R-ELG-1b asks for; G (rental) matters
 * for leases (R-ELG-7).
 */
export const useNatures = labelTable("docs/domain-facts.md §5.3: [B] id 27078686204; Dahua SDK EM_USE_PROPERTY_TYPE", [
  ["A", "非营运", "Non-operating"],
  ["B", "公路客运", "Highway passenger transport"],
  ["C", "公交客运", "Public bus"],
  ["D", "出租客运", "Taxi"],
  ["E", "旅游客运", "Tourist coach"],
  ["F", "货运", "Goods transport"],
  ["G", "租赁", "Rental"],
  ["H", "警用", "Police"],
  ["I", "消防", "Fire service"],
  ["J", "救护", "Ambulance"],
  ["K", "工程救险", "Engineering rescue"],
  ["L", "营转非", "Formerly operating, now non-operating"],
  ["M", "出租转非", "Former taxi, now non-operating"],
  ["N", "教练", "Driving school"],
  ["R", "危化品运输", "Hazardous-chemicals transport"],
  ["Z", "其他", "Other"],
]);
