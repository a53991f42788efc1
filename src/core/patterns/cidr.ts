import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";

/** An inclusive range of IP addresses of one family, as a `cidr` pattern denotes it. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  /** The same bounds as plain numbers, exact for IPv4 (the common, hot case). */
  readonly firstNumber: number;
  readonly lastNumber: number;
}

/** An address as a number of its family, or undefined when the text is not an IP address. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const value = parseIpv4Number(text);
  return value === undefined ? undefined : BigInt(value);
}

/** Parses a dotted quad by hand (it runs for every event value a cidr rule looks at). */
export function parseIpv4Number(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      // No empty parts, no leading zeros ("01"), nothing above 255.
      if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(i - digits) === 0x30))
        return undefined;
      value = value * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      octet = octet * 10 + (c - 0x30);
      if (++digits > 3) return undefined;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value : undefined;
}

function parseIpv6Groups(text: string): bigint[] | undefined {
  if (text === "") return [];
  const groups: bigint[] = [];
  const parts = text.split(":");
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(BigInt(Number.parseInt(part, 16)));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<bigint>(missing).fill(0n), ...tail]) value = (value << 16n) | group;
  return value;
}

/** Parses an IPv4 dotted quad or an IPv6 address (full, compressed, or with an embedded IPv4 tail). */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(":")) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** Compiles `{"cidr": "10.0.0.0/24"}`'s operand, with AWS's reasons for malformed blocks. */
export function parseCidr(text: string): IpRange {
  const parts = text.split("/");
  if (parts.length !== 2) throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  const [addressText = "", bitsText = ""] = parts;
  if (!/^[0-9]+$/.test(bitsText))
    throw new InvalidEventPatternError("Malformed CIDR, mask bits must be an integer");
  const address = parseIpAddress(addressText);
  if (address === undefined) throw new InvalidEventPatternError(`Nonstandard IP address: ${addressText}`);
  const width = address.family === 4 ? 32 : 128;
  const bits = Number(bitsText);
  if (bits > width)
    throw new InvalidEventPatternError(`Malformed CIDR, mask bits must be between 0 and ${width}`);
  const hostBits = BigInt(width - bits);
  const first = (address.value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { family: address.family, first, last, firstNumber: Number(first), lastNumber: Number(last) };
}

/** Whether an event value is an address inside the range. */
export function ipInRange(range: IpRange, text: string): boolean {
  if (range.family === 4) {
    const value = parseIpv4Number(text);
    return value !== undefined && value >= range.firstNumber && value <= range.lastNumber;
  }
  const address = parseIpAddress(text);
  return (
    address !== undefined &&
    address.family === range.family &&
    address.value >= range.first &&
    address.value <= range.last
  );
}
