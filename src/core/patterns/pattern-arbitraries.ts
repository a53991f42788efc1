import fc from "fast-check";

/*
 * fast-check arbitraries for rule-set.property.test.ts: random patterns over every operator and
 * random events over the same small vocabulary, so that random rules match random events often.
 */

// Small pools shared by patterns and events, so that random rules match random events often.
export const words = (text: string) => text.split(" ");
const STRINGS = [
  "",
  ...words("order Order ORDER ordered ship shipped us-east-1 eu-west-1 file.png FILE.PNG a*b a\\b"),
  ...words("10.0.0.1 10.0.0.255 10.0.1.0 192.168.1.3 192.168.1.4 ::1 2001:db8:: 2001:db8::3 2001:db8::4"),
  "2001:db9::",
];
const NUMBERS = [0, 1, -1, 2.5, 100, 300, 300.5, 0.000001, 1e-7, 1e9, 5e9, -5e9, 5_000_000_001];
const AFFIXES = ["", ...words("o or ORD ship us- d ed .png .PNG 1 :: a\\")];
const WILDCARDS = words("s*p *r * o* *d or*d *-* *e* a\\*b a\\\\b *.png 10.0.* *:*:*");
const CIDRS = [
  ...words("10.0.0.0/24 10.0.0.0/8 10.0.0.1/32 192.168.1.0/30 0.0.0.0/0"),
  ...words("2001:db8::/32 2001:db8::/126 ::1/128 ::/0"),
];

/** Where events put values: `null` is a leaf, an object a nested object (that events may put in arrays). */
type Shape = { readonly [key: string]: Shape | null };
const EVENT_SHAPE: Shape = {
  source: null,
  resources: null,
  detail: { state: null, count: null, ip: null, items: { name: null, price: null, tags: null } },
  a: { b: null },
};

/** Field paths patterns use: leaves of EVENT_SHAPE, plus two that events usually hold objects at. */
const ROOT_PATHS = [
  ["source"],
  ["resources"],
  ["detail", "state"],
  ["detail", "count"],
  ["detail", "ip"],
  ["detail", "items", "name"],
  ["detail", "items", "price"],
  ["detail", "items", "tags"],
  ["detail", "items"],
  ["a", "b"],
  ["a"],
] as const;
const DETAIL_PATHS = ROOT_PATHS.filter((path) => path[0] === "detail").map((path) => path.slice(1));

export type Json = unknown;

/** A few values drawn more often than the rest, on both sides, so that conditions meet values. */
const HOT = ["order", "ship", 300] as const;

const scalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOT) },
  { weight: 4, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(true, false, null) },
);

/** Half the time one of the values that fit HOT, so operators often accept what events hold. */
const biased = <T>(fitting: readonly T[], all: readonly T[]) =>
  fc.oneof(fc.constantFrom(...fitting), fc.constantFrom(...all));
export const affix = biased(["or", "ORD", "er", "sh", "ip", ""], AFFIXES);
export const wildcard = biased(["o*", "*r", "s*p", "*"], WILDCARDS);
const caseless = biased(["ORDER", "Ship"], STRINGS);

export const ignoreCase = (value: Json) => ({ "equals-ignore-case": value });
const oneOrMany = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(arbitrary, fc.array(arbitrary, { minLength: 1, maxLength: 2 }));

const COMPARABLE = NUMBERS.filter((n) => Math.abs(n) <= 5e9);

// Mostly valid ranges (bottom below top, operands in range); NUMBERS' out-of-range value still shows up.
const numericTerms: fc.Arbitrary<Json[]> = fc.oneof(
  fc.tuple(fc.constantFrom("=", "<", "<=", ">", ">="), fc.constantFrom(...NUMBERS)),
  fc
    .tuple(
      fc.constantFrom(">", ">="),
      fc.uniqueArray(fc.constantFrom(...COMPARABLE), { minLength: 2, maxLength: 2 }),
      fc.constantFrom("<", "<="),
    )
    .map(([lowOp, bounds, highOp]) => {
      const [low, high] = bounds.sort((x, y) => x - y);
      return [lowOp, low, highOp, high];
    }),
);

const anythingBut: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(...NUMBERS),
  fc.array(fc.constantFrom(...STRINGS), { minLength: 1, maxLength: 3 }),
  fc.array(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 3 }),
  oneOrMany(affix).map((prefix) => ({ prefix })),
  oneOrMany(affix).map((suffix) => ({ suffix })),
  oneOrMany(caseless).map(ignoreCase),
  oneOrMany(wildcard).map((pattern) => ({ wildcard: pattern })),
);

/** One element of a field's value list: a literal or an operator, every operator EventBridge has. */
export const matchValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: affix.map((prefix) => ({ prefix })) },
  { weight: 2, arbitrary: affix.map((suffix) => ({ suffix })) },
  { weight: 1, arbitrary: affix.map((value) => ({ prefix: ignoreCase(value) })) },
  { weight: 1, arbitrary: affix.map((value) => ({ suffix: ignoreCase(value) })) },
  { weight: 2, arbitrary: caseless.map(ignoreCase) },
  { weight: 3, arbitrary: anythingBut.map((operand) => ({ "anything-but": operand })) },
  { weight: 3, arbitrary: numericTerms.map((numeric) => ({ numeric })) },
  { weight: 2, arbitrary: fc.boolean().map((exists) => ({ exists })) },
  { weight: 2, arbitrary: fc.constantFrom(...CIDRS).map((cidr) => ({ cidr })) },
  { weight: 2, arbitrary: wildcard.map((pattern) => ({ wildcard: pattern })) },
);

interface FieldSpec {
  readonly path: readonly string[];
  /** Bit i set: segments i and i+1 are written as one dotted key ("detail.items"). */
  readonly joins: number;
  readonly values: Json[];
}

interface ObjectSpec {
  readonly fields: FieldSpec[];
  readonly or: ObjectSpec[] | null;
  readonly orFirst: boolean;
}

function objectSpec(paths: readonly (readonly string[])[], orDepth: number): fc.Arbitrary<ObjectSpec> {
  // Fields inside arrays of objects come up most, so that array consistency often decides a match.
  const path = fc.oneof(
    ...paths.map((p) => ({ weight: p.includes("items") && p.length > 1 ? 3 : 1, arbitrary: fc.constant(p) })),
  );
  const field = fc.record({
    path,
    joins: fc.nat(3),
    values: fc.array(matchValue, { minLength: 1, maxLength: 2 }),
  });
  const or: fc.Arbitrary<ObjectSpec[] | null> =
    orDepth === 0
      ? fc.constant(null)
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: fc.array(objectSpec(paths, orDepth - 1), { minLength: 2, maxLength: 3 }),
          },
        );
  return fc
    .record({
      fields: fc.array(field, { minLength: 0, maxLength: 2 }),
      or,
      orFirst: fc.boolean(),
    })
    .filter((spec) => spec.fields.length > 0 || spec.or !== null);
}

export function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Writes a field into a pattern object, as nested objects or dotted keys as `joins` says. */
function placeField(target: Record<string, Json>, { path, joins, values }: FieldSpec): void {
  const keys: string[] = [];
  path.forEach((segment, i) => {
    if (i > 0 && (joins & (1 << (i - 1))) !== 0) keys[keys.length - 1] += `.${segment}`;
    else keys.push(segment);
  });
  let node = target;
  for (const [i, key] of keys.entries()) {
    const existing = node[key];
    if (i === keys.length - 1) {
      // A path that is a prefix of another field's path (["a"] and ["a","b"]): write the longer one dotted.
      if (isPlainObject(existing)) return;
      node[key] = values;
      return;
    }
    if (existing === undefined) node[key] = {};
    const next = node[key];
    if (!isPlainObject(next)) {
      node[keys.slice(i).join(".")] = values;
      return;
    }
    node = next;
  }
}

function buildObject(spec: ObjectSpec): Record<string, Json> {
  const object: Record<string, Json> = {};
  if (spec.or !== null && spec.orFirst) object.$or = spec.or.map(buildObject);
  for (const field of spec.fields) placeField(object, field);
  if (spec.or !== null && !spec.orFirst) object.$or = spec.or.map(buildObject);
  return object;
}

/** Event pattern text over the vocabulary: nested and dotted keys, `$or` at the root and inside "detail". */
const generalPattern: fc.Arbitrary<string> = fc
  .tuple(
    objectSpec(ROOT_PATHS, 2),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.array(objectSpec(DETAIL_PATHS, 1), { minLength: 2, maxLength: 3 }) },
    ),
  )
  .map(([root, detailOr]) => {
    const pattern = buildObject(root);
    if (detailOr !== null) {
      const detail = pattern.detail ?? {};
      if (isPlainObject(detail)) pattern.detail = { ...detail, $or: detailOr.map(buildObject) };
    }
    return JSON.stringify(pattern);
  });

/** Mostly HOT literals: conditions that single elements often meet, and different elements more often. */
const itemValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOT) },
  { weight: 2, arbitrary: matchValue },
);

/** Two or three conditions on the same array of objects: whether they hold in one element decides. */
const itemsPattern: fc.Arbitrary<string> = fc
  .uniqueArray(fc.constantFrom("name", "price", "tags"), { minLength: 2, maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.array(itemValue, { minLength: 1, maxLength: 2 }).map((values) => [name, values] as const),
      ),
    ),
  )
  .map((entries) => JSON.stringify({ detail: { items: Object.fromEntries(entries) } }));

export const patternText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: generalPattern },
  { weight: 1, arbitrary: itemsPattern },
);

function eventNode(shape: Shape | null): fc.Arbitrary<Json> {
  if (shape === null) {
    return fc.oneof(
      { weight: 8, arbitrary: scalar },
      { weight: 3, arbitrary: fc.array(scalar, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: scalar.map((x) => ({ x })) },
    );
  }
  const object = eventObject(shape);
  return fc.oneof(
    { weight: 6, arbitrary: object },
    { weight: 5, arbitrary: fc.array(object, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.array(object, { maxLength: 2 }), { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: scalar },
  );
}

/** An object of the shape with some keys missing; `flatten` writes some nested objects as dotted keys. */
function eventObject(shape: Shape): fc.Arbitrary<Record<string, Json>> {
  const model: Record<string, fc.Arbitrary<Json>> = {};
  for (const [key, child] of Object.entries(shape)) {
    model[key] = fc.option(eventNode(child), { freq: 12, nil: undefined });
  }
  return fc.tuple(fc.record(model, { noNullPrototype: true }), fc.nat(15)).map(([object, flatten]) => {
    const result: Record<string, Json> = {};
    Object.entries(object).forEach(([key, value], i) => {
      if (value === undefined) return;
      if ((flatten & (1 << i)) !== 0 && isPlainObject(value)) {
        for (const [inner, innerValue] of Object.entries(value)) result[`${key}.${inner}`] = innerValue;
      } else {
        result[key] = value;
      }
    });
    return result;
  });
}

export const event = eventObject(EVENT_SHAPE);
