export { type GeneratedFile, type GenerateOptions, generateService, serviceFolder } from "./generate.js";
export { assignUniqueNames, commentText, memberName, pascalIdentifier, stringLiteral } from "./names.js";
export {
  cloudEventsType,
  type PlannedConsumer,
  type PlannedMessage,
  planService,
  type ServicePlan,
} from "./plan.js";
