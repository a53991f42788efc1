import { DEFAULT_EVENT_BUS } from "../events/index.js";
import { type Findings, memberPath, readString } from "./findings.js";
import type { ResolvedQueue, ResourceRef } from "./resolved-app.js";

/** The names an app declares, known before any resource is resolved, and the queues resolved. */
export interface AppNames {
  readonly queues: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
  /** The declared buses and "default". */
  readonly buses: ReadonlySet<string>;
  readonly resolvedQueues: ReadonlyMap<string, ResolvedQueue>;
}

/** A kind of resource a reference may name. */
export type ResourceKind = ResourceRef["kind"];

const COLLECTION_OF: Record<ResourceKind, "queues" | "functions" | "buses"> = {
  queue: "queues",
  function: "functions",
  bus: "buses",
};

/** Whether `name` is declared as a resource of `kind` ("default" is always a bus). */
export function isDeclared(names: AppNames, kind: ResourceKind, name: string): boolean {
  return names[COLLECTION_OF[kind]].has(name);
}

/** Reports a reference to a resource that is not declared; true when it is declared. */
export function checkDeclared(
  findings: Findings,
  path: string,
  names: AppNames,
  kind: ResourceKind,
  name: string,
): boolean {
  if (isDeclared(names, kind, name)) return true;
  const implicit = kind === "bus" ? ` (only "${DEFAULT_EVENT_BUS}" exists without being declared)` : "";
  findings.problem(
    path,
    `${kind} ${JSON.stringify(name)} is not defined in ${COLLECTION_OF[kind]}${implicit}`,
  );
  return false;
}

/**
 * The one resource an object (a target, a destination) sends to: exactly one of its `kinds` members, naming a
 * declared resource. Undefined, reported, otherwise.
 */
export function readResourceRef(
  findings: Findings,
  path: string,
  object: Readonly<Record<string, unknown>>,
  kinds: readonly ResourceKind[],
  names: AppNames,
): ResourceRef | undefined {
  const given = kinds.filter((kind) => object[kind] !== undefined);
  const [kind, ...others] = given;
  if (kind === undefined) return findings.problem(path, `must name one of ${kinds.join(", ")}`);
  if (others.length > 0) {
    return findings.problem(path, `names ${given.join(" and ")}; it sends to exactly one of them`);
  }
  const name = readString(findings, memberPath(path, kind), object[kind]);
  if (name === undefined || !checkDeclared(findings, path, names, kind, name)) return undefined;
  return { kind, name };
}
