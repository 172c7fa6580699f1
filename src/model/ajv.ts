// The ajv setup lives in the schema layer, which everything above shares.
export { createAjv, draftOf, type JsonSchemaDraft } from "../schema/ajv.js";
