// The options of the schema engine, in a module that imports nothing: rules (keyword-rule.ts) and
// the engine (is-subset.ts) both read them, and neither may import the other for it.

export interface SubsetOptions {
  /**
   * LENIENT: writers emit only the properties their schema declares, so an open content model does not
   * mean "any extra key with any value" (the most common complaint about strict checks).
   */
  writerDeclaredKeysOnly?: boolean;
  /**
   * Compare `format` (default true: validators such as ajv assert it, so a reader that adds one can
   * reject data). Confluent's checker ignores it.
   */
  compareFormat?: boolean;
  /**
   * `semantic` (default): JSON Schema validation semantics, as ajv validates at runtime.
   * `confluent`: predict Confluent Schema Registry's JSON Schema checker, quirks included (see
   * docs/compat.md): `format`, `propertyNames`, `if/then/else` and oneOf overlap are not compared; a
   * newly required property is compatible when it has a `default` or is not declared in `properties`;
   * `additionalItems` is compared even without array-form `items`.
   */
  profile?: CompatProfile;
}

export type CompatProfile = "semantic" | "confluent";
