import { PUT_EVENTS_LIMITS } from "./limits.js";

/** The fields of a PutEvents entry that count towards its size. */
export interface SizedEntry {
  readonly Time?: unknown;
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly Resources?: unknown;
}

/**
 * The size of a PutEvents entry exactly as EventBridge computes it: Time counts 14 bytes when present,
 * Source, DetailType, Detail and each Resources member count their UTF-8 bytes, and nothing else counts
 * (EventBusName and TraceHeader do not). Fields of the wrong type count nothing; they fail validation
 * before size matters.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/calculate-putevents-entry-size.html
 */
export function entrySizeBytes(entry: SizedEntry): number {
  let sizeBytes = entry.Time === undefined || entry.Time === null ? 0 : PUT_EVENTS_LIMITS.timeSizeBytes;
  for (const text of [entry.Source, entry.DetailType, entry.Detail]) {
    if (typeof text === "string") sizeBytes += utf8ByteLength(text);
  }
  if (Array.isArray(entry.Resources)) {
    for (const resource of entry.Resources) {
      if (typeof resource === "string") sizeBytes += utf8ByteLength(resource);
    }
  }
  return sizeBytes;
}

/**
 * The number of bytes of a string's UTF-8 form, counted without encoding it. A lone surrogate counts 3
 * bytes (U+FFFD, as TextEncoder writes it); AWS's Java `getBytes(UTF_8)` would write `?` (1 byte), a
 * difference only malformed UTF-16 can show.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/** The number of Unicode code points in a string, which is what the API's length constraints count. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    if (isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1))) index++;
    length++;
  }
  return length;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
