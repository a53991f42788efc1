import { describe, expect, test } from "vitest";
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  sha256Hex,
  signingKey,
} from "./sigv4-canonical.js";
import {
  AuthenticationError,
  AuthFailureCode,
  createSigV4Verifier,
  SIGNATURE_MISMATCH_MESSAGE,
  type SignedRequest,
} from "./sigv4-verifier.js";

/** The example credentials of AWS's SigV4 documentation and test suite. */
const EXAMPLE_KEY_ID = "AKIDEXAMPLE";
const EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/** 20150830T123600Z, the time of every example in the test suite. */
const EXAMPLE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);
const EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function verifierAt(time: number, credentials = new Map([[EXAMPLE_KEY_ID, EXAMPLE_SECRET]])) {
  return createSigV4Verifier({ credentials, clock: () => time });
}

function request(
  method: string,
  target: string,
  headers: readonly (readonly [string, string])[],
  body = "",
): SignedRequest {
  return { method, target, rawHeaders: headers, body: Buffer.from(body) };
}

function refusal(verify: () => unknown): AuthenticationError {
  try {
    verify();
  } catch (error) {
    if (error instanceof AuthenticationError) return error;
    throw error;
  }
  throw new Error("expected the request to be refused");
}

/**
 * The worked example of AWS's SigV4 documentation: IAM ListUsers by GET, signed at 20150830T123600Z
 * (https://docs.aws.amazon.com/general/latest/gr/sigv4-create-canonical-request.html and the pages after it).
 */
const LIST_USERS_HEADERS = [
  ["Host", "iam.amazonaws.com"],
  ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"],
  ["X-Amz-Date", "20150830T123600Z"],
] as const;
const LIST_USERS_TARGET = "/?Action=ListUsers&Version=2010-05-08";
const LIST_USERS_AUTHORIZATION =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
  "SignedHeaders=content-type;host;x-amz-date, " +
  "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

function listUsers(authorization = LIST_USERS_AUTHORIZATION, target = LIST_USERS_TARGET): SignedRequest {
  return request("GET", target, [...LIST_USERS_HEADERS, ["Authorization", authorization]]);
}

describe("SigV4 canonical form, against AWS's documented example", () => {
  test("the canonical request of IAM ListUsers hashes to the documented f536975d…", () => {
    const signed = ["content-type", "host", "x-amz-date"];
    const canonical = canonicalRequest({
      method: "GET",
      canonicalUri: canonicalUri("/"),
      canonicalQuery: canonicalQuery("Action=ListUsers&Version=2010-05-08"),
      canonicalHeaders: canonicalHeaders(LIST_USERS_HEADERS, signed),
      signedHeaders: signed.join(";"),
      payloadHash: sha256Hex(""),
    });
    expect(canonical).toBe(
      "GET\n/\nAction=ListUsers&Version=2010-05-08\n" +
        "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n" +
        `x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n${EMPTY_HASH}`,
    );
    expect(sha256Hex(canonical)).toBe("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  });

  test("the signing key derives to the documented c4afb1cc…", () => {
    expect(signingKey(EXAMPLE_SECRET, "20150830", "us-east-1", "iam").toString("hex")).toBe(
      "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
    );
  });

  test("a path is normalized and encoded once more: the wire's %3A signs as %253A, dot segments go", () => {
    expect(canonicalUri("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1/invocations")).toBe(
      "/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1/invocations",
    );
    expect(canonicalUri("//example/./a/../b//")).toBe("/example/b/");
    expect(canonicalUri("/example space/ሴ")).toBe("/example%20space/%E1%88%B4");
    expect(canonicalUri("/..")).toBe("/");
  });

  test("query parameters are encoded, then sorted by name and by value; a + is a space", () => {
    expect(canonicalQuery("b=2&a=z&a=y&flag&q=a+b&k=%7E%2A")).toBe("a=y&a=z&b=2&flag=&k=~%2A&q=a%20b");
    expect(canonicalQuery("X-Amz-Signature=abc&x=1", "X-Amz-Signature")).toBe("x=1");
  });

  test("header values are trimmed, runs of whitespace folded, repeated headers joined with commas", () => {
    expect(
      canonicalHeaders(
        [
          ["My-Header1", "  a   b   c  "],
          ["my-header2", "x"],
          ["MY-HEADER2", "y"],
        ],
        ["my-header1", "my-header2"],
      ),
    ).toBe("my-header1:a b c\nmy-header2:x,y\n");
  });
});

describe("SigV4 verification", () => {
  test("IAM ListUsers as AWS documents it verifies, and names its access key id", () => {
    expect(verifierAt(EXAMPLE_TIME).verify(listUsers(), "iam")).toBe(EXAMPLE_KEY_ID);
  });

  test.each([
    ["get-vanilla", "GET", "/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"],
    [
      "get-vanilla-query-order-key-case",
      "GET",
      "/?Param2=value2&Param1=value1",
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    ],
    ["post-vanilla", "POST", "/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"],
  ])("AWS's SigV4 test suite case %s verifies", (_name, method, target, expected) => {
    const signed = request(method, target, [
      ["Host", "example.amazonaws.com"],
      ["X-Amz-Date", "20150830T123600Z"],
      [
        "Authorization",
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${expected}`,
      ],
    ]);
    expect(verifierAt(EXAMPLE_TIME).verify(signed, "service")).toBe(EXAMPLE_KEY_ID);
  });

  test("AWS's presigned URL example (query-string auth, UNSIGNED-PAYLOAD) verifies; with a body it does not", () => {
    const target =
      "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
      "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
      "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    const verifier = verifierAt(
      Date.UTC(2013, 4, 24),
      new Map([["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]]),
    );
    const headers = [["Host", "examplebucket.s3.amazonaws.com"]] as const;
    expect(verifier.verify(request("GET", target, headers), "s3")).toBe("AKIAIOSFODNN7EXAMPLE");
    expect(refusal(() => verifier.verify(request("GET", target, headers, "x"), "s3")).code).toBe(
      AuthFailureCode.SignatureDoesNotMatch,
    );
  });

  test("a changed query string no longer matches, and the answer shows the canonical request expected", () => {
    const refused = refusal(() =>
      verifierAt(EXAMPLE_TIME).verify(listUsers(undefined, "/?Action=DeleteUser&Version=2010-05-08"), "iam"),
    );
    expect(refused.code).toBe(AuthFailureCode.SignatureDoesNotMatch);
    expect(refused.message).toBe(SIGNATURE_MISMATCH_MESSAGE);
    expect(refused.details).toContain(
      "The Canonical String for this request should have been\n'GET\n/\nAction=DeleteUser&Version=2010-05-08\n",
    );
    expect(refused.details).toContain(
      "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20150830T123600Z\n",
    );
  });

  test("the right key id with another secret is SignatureDoesNotMatch; an unknown key id is InvalidClientTokenId", () => {
    const otherSecret = verifierAt(EXAMPLE_TIME, new Map([[EXAMPLE_KEY_ID, "not-the-secret"]]));
    expect(refusal(() => otherSecret.verify(listUsers(), "iam")).code).toBe(
      AuthFailureCode.SignatureDoesNotMatch,
    );
    const unknownKey = refusal(() =>
      verifierAt(EXAMPLE_TIME, new Map([["AKIDOTHER", EXAMPLE_SECRET]])).verify(listUsers(), "iam"),
    );
    expect(unknownKey.code).toBe(AuthFailureCode.InvalidClientTokenId);
    expect(unknownKey.message).toBe("The security token included in the request is invalid.");
  });

  test("a request up to 15 minutes old or early verifies; a second more is refused with AWS's message", () => {
    const fifteenMinutes = 15 * 60 * 1000;
    expect(verifierAt(EXAMPLE_TIME + fifteenMinutes).verify(listUsers(), "iam")).toBe(EXAMPLE_KEY_ID);
    expect(verifierAt(EXAMPLE_TIME - fifteenMinutes).verify(listUsers(), "iam")).toBe(EXAMPLE_KEY_ID);
    const expired = refusal(() =>
      verifierAt(EXAMPLE_TIME + fifteenMinutes + 1000).verify(listUsers(), "iam"),
    );
    expect(expired.code).toBe(AuthFailureCode.SignatureDoesNotMatch);
    expect(expired.message).toBe(
      "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)",
    );
    const early = refusal(() => verifierAt(EXAMPLE_TIME - fifteenMinutes - 1000).verify(listUsers(), "iam"));
    expect(early.message).toBe(
      "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T122059Z + 15 min.)",
    );
  });

  test("a signature scoped to another service is refused, naming the service expected", () => {
    const refused = refusal(() => verifierAt(EXAMPLE_TIME).verify(listUsers(), "sqs"));
    expect(refused.code).toBe(AuthFailureCode.SignatureDoesNotMatch);
    expect(refused.message).toBe("Credential should be scoped to correct service: 'sqs'.");
  });

  test("an unsigned request, or one signed another way, is MissingAuthenticationToken", () => {
    const verifier = verifierAt(EXAMPLE_TIME);
    expect(refusal(() => verifier.verify(request("GET", "/", LIST_USERS_HEADERS), "iam")).code).toBe(
      AuthFailureCode.MissingAuthenticationToken,
    );
    expect(refusal(() => verifier.verify(listUsers("Basic dXNlcjpwYXNz"), "iam")).code).toBe(
      AuthFailureCode.MissingAuthenticationToken,
    );
  });

  test("a malformed signature is IncompleteSignature, with AWS's message for what is wrong", () => {
    const verifier = verifierAt(EXAMPLE_TIME);
    const partial = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request";
    expect(refusal(() => verifier.verify(listUsers(partial), "iam"))).toMatchObject({
      code: AuthFailureCode.IncompleteSignature,
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' " +
        `parameter. Authorization=${partial}`,
    });
    expect(
      refusal(() => verifier.verify(listUsers(LIST_USERS_AUTHORIZATION.replace("SHA256", "SHA512")), "iam")),
    ).toMatchObject({
      code: AuthFailureCode.IncompleteSignature,
      message: "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now).",
    });
    expect(
      refusal(() => verifier.verify(listUsers(LIST_USERS_AUTHORIZATION.replace("/iam/", "/")), "iam"))
        .message,
    ).toBe(
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got " +
        "'AKIDEXAMPLE/20150830/us-east-1/aws4_request'",
    );
    const badDate = request("GET", LIST_USERS_TARGET, [
      ["Host", "iam.amazonaws.com"],
      ["X-Amz-Date", "20150830T1236Z"],
      ["Authorization", LIST_USERS_AUTHORIZATION],
    ]);
    expect(refusal(() => verifier.verify(badDate, "iam"))).toMatchObject({
      code: AuthFailureCode.IncompleteSignature,
      message:
        "Date must be in ISO-8601 'basic format'. Got '20150830T1236Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
  });

  test("Host must be signed, and so must every x-amz-* header sent (X-Amz-Target names the operation)", () => {
    const verifier = verifierAt(EXAMPLE_TIME);
    const hostUnsigned = LIST_USERS_AUTHORIZATION.replace(
      "content-type;host;x-amz-date",
      "content-type;x-amz-date",
    );
    expect(refusal(() => verifier.verify(listUsers(hostUnsigned), "iam")).message).toBe(
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
    const withTarget = request("GET", LIST_USERS_TARGET, [
      ...LIST_USERS_HEADERS,
      ["X-Amz-Target", "AmazonSQS.DeleteQueue"],
      ["Authorization", LIST_USERS_AUTHORIZATION],
    ]);
    expect(refusal(() => verifier.verify(withTarget, "iam"))).toMatchObject({
      code: AuthFailureCode.SignatureDoesNotMatch,
      message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  test("an Authorization header and a presigned query string together are refused", () => {
    const refused = refusal(() =>
      verifierAt(EXAMPLE_TIME).verify(
        listUsers(undefined, `${LIST_USERS_TARGET}&X-Amz-Algorithm=AWS4-HMAC-SHA256`),
        "iam",
      ),
    );
    expect(refused.message).toBe(
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  });
});
