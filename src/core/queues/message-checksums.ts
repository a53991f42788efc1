import { Buffer } from "node:buffer";
import { createHash, type Hash, hash as oneShotDigest } from "node:crypto";
import type { MessageAttributes } from "./message-attributes.js";

// Transport types of the attribute digest: 1 for a string value (String and Number data types), 2 for
// binary. 3 and 4 are the reserved list values, which SendMessage refuses.
const STRING_TRANSPORT_TYPE = 1;
const BINARY_TRANSPORT_TYPE = 2;

/**
 * MD5OfMessageBody / MD5OfBody: the hex MD5 of the body's UTF-8 bytes (RFC 1321), as SDKs check it.
 * @example
 * md5OfMessageBody("abc"); // "900150983cd24fb0d6963f7d28e17f72"
 */
export function md5OfMessageBody(body: string): string {
  // The one-shot form: half the time of createHash().update().digest() on a 300-byte body, and no Hash object.
  return oneShotDigest("md5", body, "hex");
}

/**
 * MD5OfMessageAttributes, computed as SQS does and as the AWS SDKs for Java and Ruby re-compute it to
 * check the answer: attributes sorted by name (UTF-16 code-unit order, Java's String.compareTo); for each,
 * the name and the data type as a 4-byte big-endian length plus UTF-8 bytes, one transport-type byte (1 for
 * a string value, 2 for binary), then the value as length plus bytes. Undefined when there are no
 * attributes, because SQS then leaves MD5OfMessageAttributes out of its answer.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * (Calculating the MD5 message digest for message attributes); aws-sdk-java-v2
 * services/sqs/src/main/java/software/amazon/awssdk/services/sqs/internal/MessageMD5ChecksumInterceptor.java
 * @example
 * md5OfMessageAttributes({ Foo: { DataType: "String", StringValue: "Bar" } }); // "ae7155c6026991b6d54b11589678bf9c"
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash("md5");
  for (const name of names) {
    const attribute = attributes[name];
    if (attribute === undefined) continue;
    updateWithLength(hash, Buffer.from(name, "utf8"));
    updateWithLength(hash, Buffer.from(attribute.DataType, "utf8"));
    if (attribute.StringValue !== undefined) {
      hash.update(Uint8Array.of(STRING_TRANSPORT_TYPE));
      updateWithLength(hash, Buffer.from(attribute.StringValue, "utf8"));
    } else {
      hash.update(Uint8Array.of(BINARY_TRANSPORT_TYPE));
      updateWithLength(hash, attribute.BinaryValue);
    }
  }
  return hash.digest("hex");
}

/**
 * MD5OfMessageSystemAttributes: the same digest over the message system attributes (AWSTraceHeader);
 * undefined when none were sent.
 */
export function md5OfMessageSystemAttributes(systemAttributes: MessageAttributes): string | undefined {
  return md5OfMessageAttributes(systemAttributes);
}

/**
 * The MessageDeduplicationId a FIFO queue with ContentBasedDeduplication gives a message sent without one:
 * "a SHA-256 hash to generate the MessageDeduplicationId using the body of the message (but not the
 * attributes of the message)" (API_SendMessage), as lower-case hex of the body's UTF-8 bytes.
 * @example
 * contentDeduplicationId("test"); // "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
 */
export function contentDeduplicationId(body: string): string {
  return oneShotDigest("sha256", body, "hex");
}

function updateWithLength(hash: Hash, bytes: Uint8Array): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.byteLength);
  hash.update(length);
  hash.update(bytes);
}
