import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { MessageAttributes, MessageAttributeValue } from "./message-attributes.js";
import {
  contentDeduplicationId,
  md5OfMessageAttributes,
  md5OfMessageBody,
  md5OfMessageSystemAttributes,
} from "./message-checksums.js";

const text = (value: string, dataType = "String"): MessageAttributeValue => ({
  DataType: dataType,
  StringValue: value,
});
const bytes = (value: Uint8Array, dataType = "Binary"): MessageAttributeValue => ({
  DataType: dataType,
  BinaryValue: value,
});
const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value);

describe("MD5OfMessageBody", () => {
  // Recorded from AWS by LocalStack's snapshot tests (tests/aws/services/sqs/test_sqs.snapshot.json).
  test.each([
    ["msg", "6e2baaf3b97dbeef01c0043275f9a0e7"],
    ["test", "098f6bcd4621d373cade4e832627b4f6"],
    ["message-body-1", "19c9e282d65f9733bc6b35d50062c7ee"],
    ["g1-m1", "fc4286b824b39ddf3606c9f27ff664bd"],
  ])("the body %j digests to AWS's recorded %s", (body, md5) => {
    expect(md5OfMessageBody(body)).toBe(md5);
  });

  test("the body is digested as UTF-8 (the AWS SDK for Ruby's checksum spec uses 'abc')", () => {
    expect(md5OfMessageBody("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5OfMessageBody("é")).toBe(createHash("md5").update(Uint8Array.of(0xc3, 0xa9)).digest("hex"));
  });
});

describe("MD5OfMessageAttributes against digests AWS answered", () => {
  // LocalStack's test_receive_message_message_attribute_names_filters and test_send_message_with_binary_attributes,
  // recorded against AWS: the send's digest, and the digests of the subsets a filtered receive returns.
  const all = { General: text("Kenobi"), Hello: text("There"), "Help.Me": text("Me") };

  test.each([
    ["all three string attributes", all, "4c360f3fdafd970e05fae2f149d997f5"],
    ["General and Hello", { General: all.General, Hello: all.Hello }, "fca026605781cb4126a1e9044df24232"],
    ["Hello alone", { Hello: all.Hello }, "a311262e065454b75da111d535b8dacd"],
    [
      "Hello and Help.Me",
      { Hello: all.Hello, "Help.Me": all["Help.Me"] },
      "83fee93c1bcd8b9a5a923ffacdc636c7",
    ],
    ["Foo = Bar", { Foo: text("Bar") }, "ae7155c6026991b6d54b11589678bf9c"],
    [
      "a Binary value holding a control byte",
      { attr1: bytes(utf8("traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01")) },
      "8cbe4db156db8a94db8b801b7addb984",
    ],
  ])("%s", (_, attributes: MessageAttributes, md5) => {
    expect(md5OfMessageAttributes(attributes)).toBe(md5);
  });

  test("the order attributes were given in does not change the digest: they are sorted by name", () => {
    expect(
      md5OfMessageAttributes({ "Help.Me": all["Help.Me"], Hello: all.Hello, General: all.General }),
    ).toBe("4c360f3fdafd970e05fae2f149d997f5");
  });
});

describe("MD5OfMessageAttributes against the AWS SDKs' own checks", () => {
  // gems/aws-sdk-sqs/spec/client/verify_checksums_spec.rb in aws/aws-sdk-ruby: the SDK refuses an answer
  // whose digest differs from these.
  const rubySpec: Record<string, MessageAttributeValue> = {
    ccc: text("test"),
    aaa: bytes(Uint8Array.of(2, 3, 4)),
    zzz: text("0230.01", "Number"),
    öther_encodings: text("Tüst"),
  };

  test("String, Binary, Number and a non-ASCII name and value", () => {
    expect(md5OfMessageAttributes(rubySpec)).toBe("756d7f4338696745d063b420a2f7e502");
  });

  test("custom type labels are part of the digest", () => {
    const labelled = Object.fromEntries(
      Object.entries(rubySpec).map(([name, value]) => [
        name,
        { ...value, DataType: `${value.DataType}.test` },
      ]),
    ) as MessageAttributes;
    expect(md5OfMessageAttributes(labelled)).toBe("5b7ef6c8a8d46001c7cdadaeea917aa4");
  });

  // The README of the npm package aws-md5-of-message-attributes.
  test.each([
    ["a String", { attribName1: text("attribValue 1") }, "19e27d4e946b072f3f58da80d94fd778"],
    [
      "a custom Number type",
      { customNumberTypeAttrib: text("4563442423554324324264524243.32543234", "Number.float") },
      "9fe1b90bbd9965bdf77bac517c7d2495",
    ],
    ["a Binary", { binaryAttribute: bytes(utf8("Hello binary world!")) }, "31a92b15d92f8db860eda32aceb656c3"],
    [
      "all three together",
      {
        attribName1: text("attribValue 1"),
        customNumberTypeAttrib: text("4563442423554324324264524243.32543234", "Number.float"),
        binaryAttribute: bytes(utf8("Hello binary world!")),
      },
      "c932db14a896c663f83c260297d594ff",
    ],
  ])("%s", (_, attributes: MessageAttributes, md5) => {
    expect(md5OfMessageAttributes(attributes)).toBe(md5);
  });
});

describe("the byte encoding of the attribute digest", () => {
  function lengthPrefixed(value: Uint8Array): Uint8Array[] {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, value.byteLength);
    return [length, value];
  }

  function reference(entries: [string, string, 1 | 2, Uint8Array][]): string {
    const hash = createHash("md5");
    for (const [name, dataType, transport, value] of entries) {
      for (const part of [...lengthPrefixed(utf8(name)), ...lengthPrefixed(utf8(dataType))])
        hash.update(part);
      hash.update(Uint8Array.of(transport));
      for (const part of lengthPrefixed(value)) hash.update(part);
    }
    return hash.digest("hex");
  }

  test("names sort by UTF-16 code unit, as Java's String.compareTo does, not by code point", () => {
    // U+FF21 (FULLWIDTH A) is below U+1D400 as a code point but above its surrogate U+D835 as a code unit.
    const attributes = { "\uFF21": text("x"), "\u{1D400}": text("y") };
    expect(md5OfMessageAttributes(attributes)).toBe(
      reference([
        ["\u{1D400}", "String", 1, utf8("y")],
        ["\uFF21", "String", 1, utf8("x")],
      ]),
    );
  });

  test("the transport byte follows the value, not the data type label", () => {
    const attributes = { a: bytes(utf8("raw"), "Binary.gzip"), b: text("7", "Number.int") };
    expect(md5OfMessageAttributes(attributes)).toBe(
      reference([
        ["a", "Binary.gzip", 2, utf8("raw")],
        ["b", "Number.int", 1, utf8("7")],
      ]),
    );
  });

  test("no attributes have no digest, as SQS leaves MD5OfMessageAttributes out", () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

describe("MD5OfMessageSystemAttributes", () => {
  test("AWSTraceHeader digests like a String attribute (local-aws-sqs emulator's answer for 'some-trace-id')", () => {
    expect(md5OfMessageSystemAttributes({ AWSTraceHeader: text("some-trace-id") })).toBe(
      "fdce4f2818803f2f73becc09a54792c0",
    );
    expect(md5OfMessageSystemAttributes({})).toBeUndefined();
  });
});

describe("the content-based deduplication id", () => {
  test("is the hex SHA-256 of the body's UTF-8 bytes", () => {
    expect(contentDeduplicationId("test")).toBe(
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    );
    expect(contentDeduplicationId("é")).toBe(
      createHash("sha256").update(Uint8Array.of(0xc3, 0xa9)).digest("hex"),
    );
  });
});
