import { describe, expect, it } from "vitest";
import { isJsonContentType } from "../../src/runtime/content-type.js";

describe("isJsonContentType", () => {
  it.each([
    undefined,
    "application/json",
    "Application/JSON",
    "application/json; charset=utf-8",
    "application/json;charset=UTF-8",
    'application/json; charset="utf8"',
    "application/vnd.orders.v1+json",
    "application/problem+json; profile=x",
  ])("reads %s as JSON", (value) => {
    expect(isJsonContentType(value)).toBe(true);
  });

  it.each([
    "application/avro",
    "avro/binary",
    "text/plain",
    "text/json",
    "application/json; charset=iso-8859-1",
    "application/json; charset=utf-16",
    "application/cloudevents+json",
    "application/cloudevents-batch+json",
    "application/x-protobuf",
    "",
    "application/json;;",
    "not a media type",
  ])("does not read %j as JSON", (value) => {
    expect(isJsonContentType(value)).toBe(false);
  });
});
