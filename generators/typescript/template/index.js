// Thin on purpose: rendering lives in Eventline's src/codegen (built to dist/codegen). The generator
// bundles this file to CommonJS with rollup, so the package's ES module is loaded with require().
import { File } from "@asyncapi/generator-react-sdk";

const path = require("node:path");

export default async function ({ asyncapi, params }) {
  const { templateFiles } = require(path.resolve(__dirname, "../../../dist/codegen/template.js"));
  const files = await templateFiles({ asyncapi, params });
  return files.map((file) => <File name={file.path}>{file.content}</File>);
}
