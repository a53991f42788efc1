import { describe, expect, it } from "vitest";
import { parseTargetArn } from "./target-arn.js";

describe("parseTargetArn", () => {
  it("reads queue, function and bus targets with their region and account", () => {
    expect(parseTargetArn("arn:aws:sqs:us-east-1:000000000000:orders")).toEqual({
      kind: "queue",
      name: "orders",
      region: "us-east-1",
      accountId: "000000000000",
    });
    expect(parseTargetArn("arn:aws:lambda:eu-west-1:111122223333:function:charge")).toMatchObject({
      kind: "function",
      name: "charge",
      region: "eu-west-1",
    });
    expect(parseTargetArn("arn:aws:lambda:eu-west-1:111122223333:function:charge:live")).toMatchObject({
      kind: "function",
      name: "charge",
    });
    expect(parseTargetArn("arn:aws:events:us-east-1:000000000000:event-bus/audit")).toMatchObject({
      kind: "bus",
      name: "audit",
    });
  });

  it("answers undefined for other services and malformed resources", () => {
    for (const arn of [
      "arn:aws:sns:us-east-1:000000000000:topic",
      "arn:aws:lambda:us-east-1:000000000000:layer:x",
      "arn:aws:lambda:us-east-1:000000000000:function:",
      "arn:aws:lambda:us-east-1:000000000000:function:a:b:c",
      "arn:aws:events:us-east-1:000000000000:rule/x",
      "arn:aws:events:us-east-1:000000000000:event-bus/",
      "arn:aws:sqs:us-east-1:000000000000:a:b",
      "orders",
      "",
    ]) {
      expect(parseTargetArn(arn), arn).toBeUndefined();
    }
  });
});
