/** The SQS query API's XML namespace, which every answer declares. */
const XMLNS = "http://queue.amazonaws.com/doc/2012-11-05/";

/** Operations whose answer has no Result element, only ResponseMetadata. */
const NO_RESULT = new Set([
  "DeleteQueue",
  "SetQueueAttributes",
  "DeleteMessage",
  "ChangeMessageVisibility",
  "PurgeQueue",
  "TagQueue",
  "UntagQueue",
]);

/** A map member as the query protocol flattens it: one element per entry, with its key and value names. */
const MAPS: Readonly<Record<string, { element: string; key: string; value: string }>> = {
  Attributes: { element: "Attribute", key: "Name", value: "Value" },
  MessageAttributes: { element: "MessageAttribute", key: "Name", value: "Value" },
  Tags: { element: "Tag", key: "Key", value: "Value" },
};

/** A list member's item element (lists are flattened: the items repeat, with no wrapper). */
function listElement(member: string, operation: string): string {
  switch (member) {
    case "QueueUrls":
    case "queueUrls":
      return "QueueUrl";
    case "Successful":
      return `${operation}ResultEntry`;
    case "Failed":
      return "BatchResultErrorEntry";
    case "Messages":
      return "Message";
    case "Results":
      return "ListMessageMoveTasksResultEntry";
    default:
      return member;
  }
}

/** Text for an XML element; a carriage return is escaped so that XML parsers keep it (they fold it into \n). */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#xD;");
}

function element(name: string, value: unknown, operation: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object")
    return `<${name}>${members(value as Record<string, unknown>, operation)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function members(value: Readonly<Record<string, unknown>>, operation: string): string {
  let xml = "";
  for (const [name, member] of Object.entries(value)) {
    const mapShape = MAPS[name];
    if (Array.isArray(member)) {
      const item = listElement(name, operation);
      for (const entry of member) xml += element(item, entry, operation);
    } else if (mapShape !== undefined && typeof member === "object" && member !== null) {
      for (const [key, entry] of Object.entries(member)) {
        xml += `<${mapShape.element}>${element(mapShape.key, key, operation)}${element(mapShape.value, entry, operation)}</${mapShape.element}>`;
      }
    } else {
      xml += element(name, member, operation);
    }
  }
  return xml;
}

/** An operation's answer in SQS's XML: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…`. */
export function queryResultXml(
  operation: string,
  result: Readonly<Record<string, unknown>>,
  requestId: string,
): string {
  const body = NO_RESULT.has(operation)
    ? ""
    : `<${operation}Result>${members(result, operation)}</${operation}Result>`;
  return (
    `<?xml version="1.0"?><${operation}Response xmlns="${XMLNS}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

/** An error in SQS's XML, as the query protocol answers it. */
export function queryErrorXml(code: string, message: string, requestId: string, type = "Sender"): string {
  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
