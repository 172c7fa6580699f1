// The one place the operations code reaches the JSON Schema → fast-check layer.
export { emptyPool, harvest, schemaArbitrary } from "../../schema/candidates.js";
