export { DENIALS } from "./denials";
export { FAULTS } from "./faults";
export {
  CODES,
  isCode,
  isDenialCode,
  isFaultCode,
  ruleIdOf,
  type Code,
  type CodeEntry,
  type DenialCode,
  type FaultCode,
  type Lang,
} from "./catalogue";
export { ECHO_LIMIT, echoed, echoedParams, messageFor, placeholdersOf, type MessageParams } from "./message";
export { AppFault, isAppFault, type AppFaultOptions } from "./app-fault";
export { badUserInput, parsedInput } from "./input-fault";
export { languageOf } from "./language";
