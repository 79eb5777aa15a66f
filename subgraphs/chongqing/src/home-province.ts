/** Chongqing's province code (GB/T 2260): the home platform's policies are Chongqing's (R-ELG-2, R-ELG-3E). */
export const HOME_PROVINCE = "50";
