/**
 * The home platform's province: Chongqing, GB/T 2260 code 50 (docs/domain-facts.md). The one place this
 * fact is written: the rules (R-OOP-1 out-of-province, the policies of R-ELG-2 / R-ELG-3E), the
 * provinces' handoff to the home platform, the Chongqing service, the population and the simulator
 * import it.
 */
export const HOME_PROVINCE_CODE = "50";
