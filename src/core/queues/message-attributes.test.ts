import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { ErrorCode, QueueRequestError } from "../errors.js";
import {
  type MessageAttributesInput,
  type MessageAttributeValueInput,
  messageAttributesSizeBytes,
  validateMessageAttributes,
  validateMessageSystemAttributes,
} from "./message-attributes.js";

const text = (value: string, dataType = "String"): MessageAttributeValueInput => ({
  DataType: dataType,
  StringValue: value,
});

const refusal = (run: () => unknown): QueueRequestError => thrownBy(run, QueueRequestError);

function refusalOf(attributes: MessageAttributesInput): QueueRequestError {
  return refusal(() => validateMessageAttributes(attributes));
}

function nameRefusal(name: string): string {
  const error = refusalOf({ [name]: text("v") });
  expect(error.code).toBe(ErrorCode.InvalidParameterValue);
  return error.message;
}

describe("valid attributes", () => {
  test("String, Number and Binary attributes come back with exactly their one value", () => {
    const binary = Uint8Array.of(0, 255);
    expect(
      validateMessageAttributes({
        tenant: text("acme"),
        amount: text("-12.50", "Number"),
        blob: { DataType: "Binary", BinaryValue: binary },
      }),
    ).toEqual({
      tenant: { DataType: "String", StringValue: "acme" },
      amount: { DataType: "Number", StringValue: "-12.50" },
      blob: { DataType: "Binary", BinaryValue: binary },
    });
  });

  test("absent or empty attributes validate to an empty map", () => {
    expect(validateMessageAttributes(undefined)).toEqual({});
    expect(validateMessageAttributes({})).toEqual({});
  });

  test("custom type labels are accepted on every base type", () => {
    const binary = Uint8Array.of(1);
    expect(
      validateMessageAttributes({
        a: text("{}", "String.json"),
        b: text("1", "Number.java.lang.Long"),
        c: { DataType: "Binary.gif", BinaryValue: binary },
      }),
    ).toEqual({
      a: { DataType: "String.json", StringValue: "{}" },
      b: { DataType: "Number.java.lang.Long", StringValue: "1" },
      c: { DataType: "Binary.gif", BinaryValue: binary },
    });
  });

  test("empty reserved list values are ignored", () => {
    expect(
      validateMessageAttributes({ a: { ...text("v"), StringListValues: [], BinaryListValues: [] } }),
    ).toEqual({
      a: { DataType: "String", StringValue: "v" },
    });
  });

  test("a name like __proto__ stays an ordinary attribute", () => {
    const attributes = validateMessageAttributes(
      JSON.parse('{"__proto__":{"DataType":"String","StringValue":"v"}}'),
    );
    expect(Object.keys(attributes)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
  });
});

describe("the number of attributes", () => {
  const many = (count: number): MessageAttributesInput =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`attr${String(index)}`, text("v")]));

  test("10 attributes are accepted", () => {
    expect(Object.keys(validateMessageAttributes(many(10)))).toHaveLength(10);
  });

  test("11 are refused, naming the count and the limit", () => {
    const error = refusalOf(many(11));
    expect(error.code).toBe(ErrorCode.InvalidParameterValue);
    expect(error.message).toBe("Number of message attributes [11] exceeds the allowed maximum [10].");
  });
});

describe("attribute names", () => {
  test.each([
    ["letters, digits, _, - and an inner .", "Foo_Bar-1.2"],
    ["a name that merely starts with AWS", "AWSfoo"],
    ["amazon without a period", "amazonfoo"],
    ["aws- prefix", "aws-foo"],
    ["non-ASCII letters, as AWS accepted 'attr.1øßä'", "attr.1øßä"],
    ["256 characters", "a".repeat(256)],
  ])("%s is accepted", (_, name) => {
    expect(Object.keys(validateMessageAttributes({ [name]: text("v") }))).toEqual([name]);
  });

  test("257 characters are refused", () => {
    expect(nameRefusal("a".repeat(257))).toBe(
      "Message (user) attribute name must be shorter than 256 bytes.",
    );
  });

  test.each(["", " "])("the blank name %j is refused", (name) => {
    expect(nameRefusal(name)).toBe("The request must contain non-empty message (user) attribute names.");
  });

  test.each(["AWS.trace", "aws.trace", "AwS.trace", "Amazon.trace", "AMAZON.trace"])(
    "the reserved prefix of %s is refused whatever its case",
    (name) => {
      expect(nameRefusal(name)).toBe(
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon'. These strings are reserved for internal use.",
      );
    },
  );

  test("a leading period is refused", () => {
    expect(nameRefusal(".trace")).toBe("Message (user) attribute name must not begin with character '.'.");
  });

  test("a trailing period is refused", () => {
    expect(nameRefusal("trace.")).toBe("Message (user) attribute name must not end with character '.'.");
  });

  test("successive periods are refused", () => {
    expect(nameRefusal("trace..id")).toBe(
      "Message (user) attribute name must not have successive '.' characters.",
    );
  });

  test.each([
    "trace id",
    "trace@id",
    "trace:id",
    "Invalid-!-attr",
    'Invalid-"-attr',
    "Invalid-§-attr",
    "a(b",
    "a?b",
  ])("the character in %j is refused", (name) => {
    expect(nameRefusal(name)).toBe(
      "Message (user) attributes name can only contain upper and lower score characters, digits, periods, " +
        "hyphens and underscores. ",
    );
  });
});

describe("attribute data types", () => {
  test.each(["Str", "int", "string", "StringList", "Invalid"])("the type %j is refused", (dataType) => {
    const error = refusalOf({ attr: text("v", dataType) });
    expect(error.code).toBe(ErrorCode.InvalidParameterValue);
    expect(error.message).toBe(
      "The type of message (user) attribute 'attr' is invalid. " +
        "You must use only the following supported type prefixes: Binary, Number, String.",
    );
  });

  test.each([undefined, ""])("a missing type (%j) is refused", (dataType) => {
    expect(refusalOf({ attr: { DataType: dataType, StringValue: "v" } }).message).toBe(
      "The message (user) attribute 'attr' must contain a non-empty message attribute type.",
    );
  });

  test("a type of 256 characters is accepted, 257 are refused", () => {
    const atLimit = `String.${"a".repeat(249)}`;
    expect(validateMessageAttributes({ attr: text("v", atLimit) }).attr?.DataType).toBe(atLimit);
    expect(refusalOf({ attr: text("v", `${atLimit}a`) }).message).toBe(
      "Message (user) attribute type must be shorter than 256 bytes.",
    );
  });

  test("a type label holding a character outside the allowed set is refused", () => {
    expect(refusalOf({ attr: text("v", "String.\u0007") }).message).toBe(
      "Invalid binary character '#x7' was found in the message attribute 'attr' type, the set of allowed characters " +
        "is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
    );
  });
});

describe("attribute values", () => {
  test("an attribute with nothing in it is refused", () => {
    expect(refusalOf({ attr: {} }).message).toBe(
      "The message (user) attribute 'attr' must contain a non-empty message attribute value.",
    );
  });

  test("an empty String value is refused with AWS's message", () => {
    expect(refusalOf({ ErrorDetails: text("") }).message).toBe(
      "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
    );
  });

  test("a type without a value is refused, naming the full type", () => {
    expect(refusalOf({ attr: { DataType: "Number.int" } }).message).toBe(
      "Message (user) attribute 'attr' must contain a non-empty value of type 'Number.int'.",
    );
  });

  test("an empty Binary value is refused", () => {
    expect(refusalOf({ attr: { DataType: "Binary", BinaryValue: new Uint8Array(0) } }).message).toBe(
      "Message (user) attribute 'attr' must contain a non-empty value of type 'Binary'.",
    );
  });

  test("two values are refused", () => {
    expect(
      refusalOf({ attr: { DataType: "String", StringValue: "v", BinaryValue: Uint8Array.of(1) } }).message,
    ).toBe("Message (user) attribute 'attr' must have a single value.");
  });

  test("a String or Number given bytes, and a Binary given text, are refused", () => {
    expect(refusalOf({ attr: { DataType: "Number.int", BinaryValue: Uint8Array.of(1) } }).message).toBe(
      "Message (user) attribute 'attr' with type 'Number' must use field 'String'.",
    );
    expect(refusalOf({ attr: { DataType: "String", BinaryValue: Uint8Array.of(1) } }).message).toBe(
      "Message (user) attribute 'attr' with type 'String' must use field 'String'.",
    );
    expect(refusalOf({ attr: text("v", "Binary") }).message).toBe(
      "Message (user) attribute 'attr' with type 'Binary' must use field 'Binary'.",
    );
  });

  test.each([
    ["#x8", "Invalid-\u0008", "#x8"],
    ["#xB", "a\u000Bb", "#xB"],
    ["#xFFFF", "\uFFFF", "#xFFFF"],
  ])("a String value holding %s is refused with InvalidParameterValue", (_, value, shown) => {
    const error = refusalOf({ attr1: text(value) });
    expect(error.code).toBe(ErrorCode.InvalidParameterValue);
    expect(error.message).toBe(
      `Invalid binary character '${shown}' was found in the message attribute 'attr1' value, ` +
        "the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
    );
  });

  test("Binary values may hold any byte", () => {
    const value = Uint8Array.of(0, 7, 0xff);
    expect(
      validateMessageAttributes({ attr: { DataType: "Binary", BinaryValue: value } }).attr?.BinaryValue,
    ).toBe(value);
  });

  test("list values are refused with UnsupportedOperation", () => {
    for (const value of [
      { DataType: "StringList", StringListValues: ["World"] },
      { DataType: "BinaryList", BinaryListValues: [Uint8Array.of(1)] },
    ]) {
      const error = refusalOf({ Hello: value });
      expect(error.code).toBe(ErrorCode.UnsupportedOperation);
      expect(error.message).toBe("Message attribute list values in SendMessage operation are not supported.");
    }
  });
});

describe("Number values", () => {
  test.each([
    "0",
    "-0",
    "+5",
    "0230.01",
    "12.",
    ".5",
    "1234567890123456789012",
    "4563442423554324324264524243.32543234",
    "1e5",
    "-2.5E-3",
    "9".repeat(38),
    `${"9".repeat(38)}000`,
    "0.000".concat("1".repeat(38)),
    "1e126",
    "9.9999e125",
    "1e-128",
    "-1e-128",
  ])("%s is a number", (value) => {
    expect(validateMessageAttributes({ n: text(value, "Number") }).n?.StringValue).toBe(value);
  });

  test.each([
    "world",
    "",
    " 1",
    "1 ",
    "1,5",
    "0x10",
    "NaN",
    "Infinity",
    "1e",
    ".",
    "--1",
    "9".repeat(39),
    "1.".concat("0".repeat(37), "1"),
    "1.1e126",
    "1e127",
    "9.9e-129",
  ])("%j is refused", (value) => {
    const error = refusalOf({ Hello: text(value, "Number") });
    expect(error.code).toBe(ErrorCode.InvalidParameterValue);
    expect(error.message).toBe(
      value === ""
        ? "Message (user) attribute 'Hello' must contain a non-empty value of type 'Number'."
        : "Can't cast the value of message (user) attribute 'Hello' to a number.",
    );
  });
});

describe("the size attributes add to a message", () => {
  test("names, types and values count, strings as UTF-8 and binaries as bytes", () => {
    expect(
      messageAttributesSizeBytes({
        Yolo: text("12345678901234567890", "Number.customtype"),
        é: { DataType: "Binary", BinaryValue: new Uint8Array(30) },
      }),
    ).toBe(4 + 17 + 20 + (2 + 6 + 30));
  });

  test("no attributes add nothing; invalid ones count what they hold", () => {
    expect(messageAttributesSizeBytes(undefined)).toBe(0);
    expect(messageAttributesSizeBytes({ ab: {} })).toBe(2);
  });
});

describe("message system attributes", () => {
  test("AWSTraceHeader as a String is accepted", () => {
    expect(
      validateMessageSystemAttributes({ AWSTraceHeader: text("Root=1-5759e988-bd862e3fe1be46a994272793") }),
    ).toEqual({
      AWSTraceHeader: { DataType: "String", StringValue: "Root=1-5759e988-bd862e3fe1be46a994272793" },
    });
    expect(validateMessageSystemAttributes(undefined)).toEqual({});
  });

  test("any other name is refused", () => {
    expect(refusal(() => validateMessageSystemAttributes({ Hello: text("World") })).message).toBe(
      "Message system attribute name 'Hello' is invalid.",
    );
  });

  test("AWSTraceHeader must be a non-empty String", () => {
    expect(refusal(() => validateMessageSystemAttributes({ AWSTraceHeader: text("") })).message).toBe(
      "Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.",
    );
    expect(
      refusal(() => validateMessageSystemAttributes({ AWSTraceHeader: text("1", "Number") })).message,
    ).toBe(
      "The type of message system attribute 'AWSTraceHeader' is invalid. " +
        "You must use only the following supported type prefixes: String.",
    );
  });
});
