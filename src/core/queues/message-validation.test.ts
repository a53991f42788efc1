import { describe, expect, test } from "vitest";
import { ErrorCode, QueueRequestError } from "../errors.js";
import { contentDeduplicationId } from "./message-checksums.js";
import { SEND_MESSAGE_LIMITS } from "./message-limits.js";
import { type SendMessageInput, type SendMessageQueue, validateSendMessage } from "./message-validation.js";

const standard: SendMessageQueue = {
  fifo: false,
  contentBasedDeduplication: false,
  maximumMessageSizeBytes: 1024,
};
const fifo: SendMessageQueue = {
  fifo: true,
  contentBasedDeduplication: false,
  maximumMessageSizeBytes: 1024,
};
const fifoWithContentDeduplication: SendMessageQueue = { ...fifo, contentBasedDeduplication: true };
const fifoMessage = { MessageBody: "hello", MessageGroupId: "g1", MessageDeduplicationId: "d1" };

function refusal(input: SendMessageInput, queue: SendMessageQueue = standard): QueueRequestError {
  try {
    validateSendMessage(input, queue);
  } catch (error) {
    if (error instanceof QueueRequestError) return error;
    throw error;
  }
  throw new Error("the message was accepted");
}

function expectRefusal(
  input: SendMessageInput,
  queue: SendMessageQueue,
  code: ErrorCode,
  message: string,
): void {
  const error = refusal(input, queue);
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
}

describe("a valid message", () => {
  test("is normalised with its attributes, size and no FIFO ids on a standard queue", () => {
    const message = validateSendMessage(
      {
        MessageBody: "héllo",
        DelaySeconds: 5,
        MessageAttributes: { tenant: { DataType: "String", StringValue: "acme" } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } },
      },
      standard,
    );
    expect(message).toEqual({
      body: "héllo",
      attributes: { tenant: { DataType: "String", StringValue: "acme" } },
      systemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } },
      awsTraceHeader: "Root=1-abc",
      delaySeconds: 5,
      groupId: undefined,
      deduplicationId: undefined,
      sizeBytes: 6 + 6 + 6 + 4,
    });
  });

  test("without DelaySeconds leaves the delay to the queue", () => {
    expect(validateSendMessage({ MessageBody: "x" }, standard).delaySeconds).toBeUndefined();
    expect(validateSendMessage({ MessageBody: "x", DelaySeconds: 0 }, standard).delaySeconds).toBe(0);
  });
});

describe("the message body", () => {
  test.each([undefined, ""])("a missing body (%j) is refused with MissingParameter", (body) => {
    expectRefusal(
      { MessageBody: body },
      standard,
      ErrorCode.MissingParameter,
      "The request must contain the parameter MessageBody.",
    );
  });

  test.each([
    ["#x0", "\u0000", "#x0"],
    ["#x7", "bell\u0007", "#x7"],
    ["#xFFFF", "text \uFFFF", "#xFFFF"],
    ["a lone surrogate", "\uD83D!", "#xD83D"],
  ])("a body holding %s is refused with InvalidMessageContents", (_, body, shown) => {
    expectRefusal(
      { MessageBody: body },
      standard,
      ErrorCode.InvalidMessageContents,
      `Invalid binary character '${shown}' was found in the message body, ` +
        "the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
    );
  });

  test("XML, JSON, tabs, newlines and emoji are accepted", () => {
    const body = '<a b="1">{"c":[1,2]}</a>\t\r\n📦';
    expect(validateSendMessage({ MessageBody: body }, standard).body).toBe(body);
  });
});

describe("the message size", () => {
  const oversized = "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.";

  test("a body of exactly MaximumMessageSize bytes is accepted, one byte more is refused", () => {
    expect(validateSendMessage({ MessageBody: "a".repeat(1024) }, standard).sizeBytes).toBe(1024);
    expectRefusal({ MessageBody: "a".repeat(1025) }, standard, ErrorCode.InvalidParameterValue, oversized);
  });

  test("bytes are counted in UTF-8", () => {
    expect(validateSendMessage({ MessageBody: "é".repeat(512) }, standard).sizeBytes).toBe(1024);
    expectRefusal(
      { MessageBody: `${"é".repeat(512)}a` },
      standard,
      ErrorCode.InvalidParameterValue,
      oversized,
    );
  });

  test("attribute names, types and values count towards the limit", () => {
    const attributes = { attrib1: { DataType: "String", StringValue: "v" } }; // 7 + 6 + 1 = 14 bytes
    expect(
      validateSendMessage({ MessageBody: "a".repeat(1010), MessageAttributes: attributes }, standard)
        .sizeBytes,
    ).toBe(1024);
    expectRefusal(
      { MessageBody: "a".repeat(1011), MessageAttributes: attributes },
      standard,
      ErrorCode.InvalidParameterValue,
      oversized,
    );
  });

  test("message system attributes do not count", () => {
    const system = { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } };
    expect(
      validateSendMessage({ MessageBody: "a".repeat(1024), MessageSystemAttributes: system }, standard)
        .sizeBytes,
    ).toBe(1024);
  });
});

describe("DelaySeconds", () => {
  test.each([0, 1, 900])("%i is accepted on a standard queue", (delay) => {
    expect(validateSendMessage({ MessageBody: "x", DelaySeconds: delay }, standard).delaySeconds).toBe(delay);
  });

  test.each([-1, 901, 1000, 1.5])("%d is refused", (delay) => {
    expectRefusal(
      { MessageBody: "x", DelaySeconds: delay },
      standard,
      ErrorCode.InvalidParameterValue,
      `Value ${String(delay)} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
    );
  });

  test("a FIFO queue refuses a per-message delay", () => {
    expectRefusal(
      { ...fifoMessage, DelaySeconds: 2 },
      fifo,
      ErrorCode.InvalidParameterValue,
      "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.",
    );
  });

  test("a FIFO queue accepts an explicit 0 and applies its own delay", () => {
    expect(validateSendMessage({ ...fifoMessage, DelaySeconds: 0 }, fifo).delaySeconds).toBeUndefined();
  });
});

describe("FIFO message group", () => {
  test.each([undefined, ""])("a missing MessageGroupId (%j) is refused with MissingParameter", (groupId) => {
    expectRefusal(
      { ...fifoMessage, MessageGroupId: groupId },
      fifo,
      ErrorCode.MissingParameter,
      "The request must contain the parameter MessageGroupId.",
    );
  });

  test("alphanumeric and punctuation characters up to 128 are accepted", () => {
    const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    expect(validateSendMessage({ ...fifoMessage, MessageGroupId: punctuation }, fifo).groupId).toBe(
      punctuation,
    );
    const longest = "g".repeat(SEND_MESSAGE_LIMITS.fifoIdMaxLength);
    expect(validateSendMessage({ ...fifoMessage, MessageGroupId: longest }, fifo).groupId).toBe(longest);
  });

  test.each(["CTC#QA-CS5A INTERIOR", "g".repeat(129), "tab\tgroup", "é", "emoji📦"])(
    "the MessageGroupId %j is refused",
    (groupId) => {
      expectRefusal(
        { ...fifoMessage, MessageGroupId: groupId },
        fifo,
        ErrorCode.InvalidParameterValue,
        `Value ${groupId} for parameter MessageGroupId is invalid. ` +
          "Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
      );
    },
  );

  test("a standard queue accepts a MessageGroupId for fair queueing, under the same rules", () => {
    expect(validateSendMessage({ MessageBody: "x", MessageGroupId: "tenant-1" }, standard).groupId).toBe(
      "tenant-1",
    );
    expectRefusal(
      { MessageBody: "x", MessageGroupId: "tenant 1" },
      standard,
      ErrorCode.InvalidParameterValue,
      "Value tenant 1 for parameter MessageGroupId is invalid. " +
        "Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
    );
  });
});

describe("FIFO deduplication", () => {
  test("an explicit MessageDeduplicationId is kept", () => {
    expect(validateSendMessage(fifoMessage, fifoWithContentDeduplication).deduplicationId).toBe("d1");
  });

  test("without one, ContentBasedDeduplication uses the body's SHA-256", () => {
    const message = validateSendMessage(
      { MessageBody: "test", MessageGroupId: "g" },
      fifoWithContentDeduplication,
    );
    expect(message.deduplicationId).toBe("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    const empty = validateSendMessage(
      { MessageBody: "test", MessageGroupId: "g", MessageDeduplicationId: "" },
      fifoWithContentDeduplication,
    );
    expect(empty.deduplicationId).toBe(contentDeduplicationId("test"));
  });

  test("without one or ContentBasedDeduplication the message is refused", () => {
    expectRefusal(
      { MessageBody: "x", MessageGroupId: "g" },
      fifo,
      ErrorCode.InvalidParameterValue,
      "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  });

  test.each(["d".repeat(129), "two words"])("the MessageDeduplicationId %j is refused", (deduplicationId) => {
    expectRefusal(
      { ...fifoMessage, MessageDeduplicationId: deduplicationId },
      fifo,
      ErrorCode.InvalidParameterValue,
      `Value ${deduplicationId} for parameter MessageDeduplicationId is invalid. ` +
        "Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
    );
  });

  test("a 128-character MessageDeduplicationId is accepted", () => {
    const longest = "d".repeat(128);
    expect(
      validateSendMessage({ ...fifoMessage, MessageDeduplicationId: longest }, fifo).deduplicationId,
    ).toBe(longest);
  });

  test("a standard queue refuses a MessageDeduplicationId", () => {
    expectRefusal(
      { MessageBody: "x", MessageDeduplicationId: "d1" },
      standard,
      ErrorCode.InvalidParameterValue,
      "The request include parameter MessageDeduplicationId which is not valid for this queue type",
    );
  });
});

describe("which error comes first", () => {
  test("a missing body is reported before the FIFO rules", () => {
    expect(refusal({ MessageBody: "" }, fifo).code).toBe(ErrorCode.MissingParameter);
    expect(refusal({ MessageBody: "" }, fifo).message).toBe(
      "The request must contain the parameter MessageBody.",
    );
  });

  test("attribute errors come before the size check", () => {
    const error = refusal({
      MessageBody: "a".repeat(2000),
      MessageAttributes: { "AWS.x": { DataType: "String" } },
    });
    expect(error.message).toMatch(/^You can't use message attribute names beginning with 'AWS.'/);
  });

  test("invalid message attributes and system attributes are reported", () => {
    expect(
      refusal({ MessageBody: "x", MessageAttributes: { a: { DataType: "Number", StringValue: "x" } } })
        .message,
    ).toBe("Can't cast the value of message (user) attribute 'a' to a number.");
    expect(
      refusal({
        MessageBody: "x",
        MessageSystemAttributes: { Other: { DataType: "String", StringValue: "x" } },
      }).message,
    ).toBe("Message system attribute name 'Other' is invalid.");
  });
});
