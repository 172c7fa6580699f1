// What the rest of the toolkit (the CLI, the package entry point) takes from code generation: files
// for a catalog or one service, and writing or comparing them under an output folder. Planning,
// naming and rendering stay inside.

export { type GeneratedFile, type GenerateOptions, generateService } from "./generate.js";
export { type GenerateCatalogOptions, generateCatalog } from "./generate-catalog.js";
export { compareOutput, type FileDifference, writeOutput } from "./output.js";
