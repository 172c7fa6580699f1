import { Parser, fromFile } from "@asyncapi/parser";
import { AvroSchemaParser } from "@asyncapi/avro-schema-parser";
let t=performance.now();
const p = new Parser({ schemaParsers: [AvroSchemaParser()] });
console.log("new Parser", performance.now()-t);
for (const f of ["microcks-user-signedup-cloudevents-2.0.yaml","spec-adeo-kafka-request-reply-3.0.yaml","spec-streetlights-kafka-3.0.yaml","spec-streetlights-kafka-3.0.yaml"]) {
  t=performance.now();
  const r = await fromFile(p, "/work/shared/corpus/asyncapi/"+f).parse();
  console.log(f, (performance.now()-t).toFixed(1), !!r.document, r.diagnostics.filter(d=>d.severity===0).map(d=>d.message).slice(0,2));
}
