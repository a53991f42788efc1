import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { ErrorCode, QueueRequestError } from "../errors.js";
import {
  type SendMessageBatchRequestEntry,
  validateBatchEntries,
  validateBatchRequestEntries,
} from "./message-batch.js";
import type { SendMessageQueue } from "./message-validation.js";

const standard: SendMessageQueue = {
  fifo: false,
  contentBasedDeduplication: false,
  maximumMessageSizeBytes: 1_048_576,
};
const fifo: SendMessageQueue = {
  fifo: true,
  contentBasedDeduplication: true,
  maximumMessageSizeBytes: 1_048_576,
};

const entries = (count: number): SendMessageBatchRequestEntry[] =>
  Array.from({ length: count }, (_, index) => ({
    Id: `id-${String(index + 1)}`,
    MessageBody: `body ${String(index)}`,
  }));

const refusal = (run: () => unknown): QueueRequestError => thrownBy(run, QueueRequestError);

function batchRefusal(
  batch: SendMessageBatchRequestEntry[] | undefined,
  queue = standard,
): QueueRequestError {
  return refusal(() => validateBatchEntries(batch, queue));
}

describe("the number of entries", () => {
  test("1 and 10 entries are accepted", () => {
    expect(validateBatchEntries(entries(1), standard)).toHaveLength(1);
    expect(validateBatchEntries(entries(10), standard)).toHaveLength(10);
  });

  test("no entries are refused with EmptyBatchRequest", () => {
    const error = batchRefusal([]);
    expect(error.code).toBe(ErrorCode.EmptyBatchRequest);
    expect(error.message).toBe("There should be at least one SendMessageBatchRequestEntry in the request.");
  });

  test("11 entries are refused with TooManyEntriesInBatchRequest", () => {
    const error = batchRefusal(entries(11));
    expect(error.code).toBe(ErrorCode.TooManyEntriesInBatchRequest);
    expect(error.message).toBe("Maximum number of entries per request are 10. You have sent 11.");
  });

  test("a missing Entries member is refused with MissingParameter", () => {
    const error = batchRefusal(undefined);
    expect(error.code).toBe(ErrorCode.MissingParameter);
    expect(error.message).toBe("The request must contain the parameter Entries.");
  });
});

describe("entry ids", () => {
  const invalidId =
    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.";

  test("letters, digits, hyphens and underscores up to 80 are accepted", () => {
    const id = `A-z_0${"9".repeat(75)}`;
    expect(validateBatchEntries([{ Id: id, MessageBody: "x" }], standard)[0]?.Id).toBe(id);
  });

  test.each(["", "invalid:id", "é", " ", "a.b", "x".repeat(81)])("the id %j is refused", (id) => {
    const error = batchRefusal([{ Id: id, MessageBody: "x" }]);
    expect(error.code).toBe(ErrorCode.InvalidBatchEntryId);
    expect(error.message).toBe(invalidId);
  });

  test("a missing id is refused, naming its entry", () => {
    const error = batchRefusal([{ Id: "a", MessageBody: "x" }, { MessageBody: "y" }]);
    expect(error.code).toBe(ErrorCode.MissingParameter);
    expect(error.message).toBe("The request must contain the parameter SendMessageBatchRequestEntry.2.Id.");
  });

  test("a repeated id is refused with BatchEntryIdsNotDistinct", () => {
    const error = batchRefusal([
      { Id: "idA", MessageBody: "Hello A" },
      { Id: "idB", MessageBody: "Hello B" },
      { Id: "idA", MessageBody: "Hello C" },
    ]);
    expect(error.code).toBe(ErrorCode.BatchEntryIdsNotDistinct);
    expect(error.message).toBe("Id idA repeated.");
  });

  test("ids are case-sensitive", () => {
    expect(
      validateBatchEntries(
        [
          { Id: "a", MessageBody: "x" },
          { Id: "A", MessageBody: "y" },
        ],
        standard,
      ),
    ).toHaveLength(2);
  });

  test("the shared rules name the entry shape of other batch requests", () => {
    const error = refusal(() => validateBatchRequestEntries([], "DeleteMessageBatchRequestEntry"));
    expect(error.message).toBe("There should be at least one DeleteMessageBatchRequestEntry in the request.");
    expect(refusal(() => validateBatchRequestEntries([{}], "DeleteMessageBatchRequestEntry")).message).toBe(
      "The request must contain the parameter DeleteMessageBatchRequestEntry.1.Id.",
    );
  });
});

describe("the total size of a batch", () => {
  test("1,048,576 bytes of bodies and attributes are accepted, one more is refused with the count", () => {
    const attributes = { Yolo: { DataType: "Number.customtype", StringValue: "12345678901234567890" } }; // 41 bytes
    const atLimit: SendMessageBatchRequestEntry[] = [
      { Id: "1", MessageBody: "a".repeat(524_288) },
      { Id: "2", MessageBody: "b".repeat(524_288 - 41 - 8) },
      { Id: "3", MessageBody: "message3", MessageAttributes: attributes },
    ];
    expect(validateBatchEntries(atLimit, standard)).toHaveLength(3);

    const over = [...atLimit.slice(0, 2), { ...atLimit[2], MessageBody: "message3!" }];
    const error = batchRefusal(over);
    expect(error.code).toBe(ErrorCode.BatchRequestTooLong);
    expect(error.message).toBe(
      "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.",
    );
  });

  test("the batch limit holds whatever the queue's MaximumMessageSize", () => {
    const small = { ...standard, maximumMessageSizeBytes: 1024 };
    const error = batchRefusal(
      Array.from({ length: 10 }, (_, index) => ({ Id: String(index), MessageBody: "A".repeat(104_858) })),
      small,
    );
    expect(error.message).toBe(
      "Batch requests cannot be longer than 1048576 bytes. You have sent 1048580 bytes.",
    );
  });

  test("message system attributes do not count towards it", () => {
    const trace = { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } };
    const batch = [{ Id: "1", MessageBody: "a".repeat(1_048_576), MessageSystemAttributes: trace }];
    expect(validateBatchEntries(batch, standard)[0]?.ok).toBe(true);
  });
});

describe("entries on a standard queue", () => {
  test("valid entries come back validated, in request order", () => {
    const verdicts = validateBatchEntries(
      [
        { Id: "1", MessageBody: "one", DelaySeconds: 3 },
        { Id: "2", MessageBody: "two", MessageAttributes: { n: { DataType: "Number", StringValue: "2" } } },
      ],
      standard,
    );
    expect(verdicts.map((verdict) => (verdict.ok ? [verdict.Id, verdict.validated.body] : []))).toEqual([
      ["1", "one"],
      ["2", "two"],
    ]);
    expect(verdicts[0]?.ok && verdicts[0].validated.delaySeconds).toBe(3);
  });

  test("an invalid entry fails alone, with SenderFault and SQS's code and message", () => {
    const verdicts = validateBatchEntries(
      [
        { Id: "good", MessageBody: "fine" },
        { Id: "late", MessageBody: "x", DelaySeconds: 901 },
        { Id: "bad-char", MessageBody: "\u0000" },
        { Id: "attr", MessageBody: "x", MessageAttributes: { a: { DataType: "Number", StringValue: "x" } } },
      ],
      standard,
    );
    expect(verdicts.slice(1)).toEqual([
      {
        ok: false,
        Id: "late",
        SenderFault: true,
        Code: ErrorCode.InvalidParameterValue,
        Message:
          "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.",
      },
      {
        ok: false,
        Id: "bad-char",
        SenderFault: true,
        Code: ErrorCode.InvalidMessageContents,
        Message:
          "Invalid binary character '#x0' was found in the message body, the set of allowed characters is " +
          "#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
      },
      {
        ok: false,
        Id: "attr",
        SenderFault: true,
        Code: ErrorCode.InvalidParameterValue,
        Message: "Can't cast the value of message (user) attribute 'a' to a number.",
      },
    ]);
    expect(verdicts[0]?.ok).toBe(true);
  });

  test("an empty body fails its entry with EmptyValue, an absent one with MissingParameter", () => {
    const verdicts = validateBatchEntries(
      [{ Id: "1", MessageBody: "Valid message" }, { Id: "2", MessageBody: "" }, { Id: "3" }],
      standard,
    );
    expect(verdicts.slice(1)).toEqual([
      {
        ok: false,
        Id: "2",
        SenderFault: true,
        Code: ErrorCode.EmptyValue,
        Message: "The request must contain the parameter SendMessageBatchRequestEntry.2.MessageBody.",
      },
      {
        ok: false,
        Id: "3",
        SenderFault: true,
        Code: ErrorCode.MissingParameter,
        Message: "The request must contain the parameter SendMessageBatchRequestEntry.3.MessageBody.",
      },
    ]);
  });

  test("an entry that exceeds the queue's MaximumMessageSize fails alone", () => {
    const small = { ...standard, maximumMessageSizeBytes: 1024 };
    const verdicts = validateBatchEntries(
      [
        { Id: "1", MessageBody: "a".repeat(1024) },
        { Id: "2", MessageBody: "a".repeat(1025) },
      ],
      small,
    );
    expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, false]);
    expect(verdicts[1]?.ok === false && verdicts[1].Message).toBe(
      "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.",
    );
  });

  test("a MessageDeduplicationId fails its entry with the batch wording", () => {
    const [verdict] = validateBatchEntries(
      [{ Id: "1", MessageBody: "m", MessageDeduplicationId: "id-1" }],
      standard,
    );
    expect(verdict).toEqual({
      ok: false,
      Id: "1",
      SenderFault: true,
      Code: ErrorCode.InvalidParameterValue,
      Message: "The request include parameter that is not valid for this queue type",
    });
  });

  test("a MessageGroupId is accepted for fair queueing", () => {
    const [verdict] = validateBatchEntries(
      [{ Id: "1", MessageBody: "m", MessageGroupId: "tenant-1" }],
      standard,
    );
    expect(verdict?.ok && verdict.validated.groupId).toBe("tenant-1");
  });
});

describe("entries on a FIFO queue", () => {
  test("valid entries get their group and deduplication ids", () => {
    const verdicts = validateBatchEntries(
      [
        { Id: "1", MessageBody: "one", MessageGroupId: "g", MessageDeduplicationId: "d1" },
        { Id: "2", MessageBody: "test", MessageGroupId: "g" },
      ],
      fifo,
    );
    expect(
      verdicts.map((verdict) =>
        verdict.ok ? [verdict.validated.groupId, verdict.validated.deduplicationId] : [],
      ),
    ).toEqual([
      ["g", "d1"],
      ["g", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    ]);
  });

  test("a missing MessageGroupId refuses the whole request with InvalidParameterValue", () => {
    const error = batchRefusal(
      [
        { Id: "1", MessageBody: "m", MessageGroupId: "g" },
        { Id: "2", MessageBody: "m" },
      ],
      fifo,
    );
    expect(error.code).toBe(ErrorCode.InvalidParameterValue);
    expect(error.message).toBe("The request must contain the parameter MessageGroupId.");
  });

  test("a missing MessageDeduplicationId without ContentBasedDeduplication refuses the whole request", () => {
    const error = batchRefusal([{ Id: "1", MessageBody: "m", MessageGroupId: "g" }], {
      ...fifo,
      contentBasedDeduplication: false,
    });
    expect(error.code).toBe(ErrorCode.InvalidParameterValue);
    expect(error.message).toBe(
      "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  });

  test("a per-message delay refuses the whole request", () => {
    const error = batchRefusal([{ Id: "1", MessageBody: "m", MessageGroupId: "g", DelaySeconds: 3 }], fifo);
    expect(error.message).toBe(
      "Value 3 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.",
    );
  });

  test("an empty body refuses the whole request with MissingParameter", () => {
    const error = batchRefusal([{ Id: "1", MessageBody: "", MessageGroupId: "g" }], fifo);
    expect(error.code).toBe(ErrorCode.MissingParameter);
    expect(error.message).toBe(
      "The request must contain the parameter SendMessageBatchRequestEntry.1.MessageBody.",
    );
  });
});
