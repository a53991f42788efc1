import { ResourceAlreadyExistsError, ResourceNotFoundError, ValidationError } from "../../core/errors.js";
import { parseTargetArn } from "../../core/events/index.js";
import { compileEventPattern } from "../../core/patterns/index.js";
import type { ArchiveRecord, ArchiveStore, ArchiveSummary } from "../../store/archive-store.js";
import type { Clock } from "../clock.js";
import { archiveArnOf, busArnOf } from "./bus-names.js";
import type { BusRoutes } from "./bus-routes.js";

/** What the archive operations work with. */
export interface ArchivesContext {
  readonly archives: ArchiveStore;
  readonly clock: Clock;
  readonly account: string;
  readonly region: string;
  routesOf(bus: string): Promise<BusRoutes | undefined>;
}

/** CreateArchive's parameters, with AWS's names. */
export interface CreateArchiveInput {
  readonly ArchiveName: string;
  readonly EventSourceArn: string;
  readonly Description?: string;
  readonly EventPattern?: string;
  readonly RetentionDays?: number;
}

/** UpdateArchive's parameters: what it names changes, the rest stays. */
export interface UpdateArchiveInput {
  readonly ArchiveName: string;
  readonly Description?: string;
  readonly EventPattern?: string;
  readonly RetentionDays?: number;
}

/** An archive as DescribeArchive and ListArchives answer. */
export interface ArchiveDescription {
  readonly ArchiveArn: string;
  readonly ArchiveName: string;
  readonly EventSourceArn: string;
  readonly Description?: string;
  readonly EventPattern?: string;
  readonly State: "ENABLED";
  readonly RetentionDays: number;
  readonly SizeBytes: number;
  readonly EventCount: number;
  readonly CreationTime: Date;
}

const ARCHIVE_NAME = /^[.\-_A-Za-z0-9]{1,48}$/;

/** The answer for an archive that does not exist. */
export function archiveNotFound(name: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`Archive ${name} does not exist.`, { archive: name });
}

/** The archive of that name, or EventBridge's ResourceNotFoundException. */
export async function requireArchive(context: ArchivesContext, name: string): Promise<ArchiveSummary> {
  const archive = await context.archives.getArchive(name);
  if (archive === undefined) throw archiveNotFound(name);
  return archive;
}

/**
 * CreateArchive: an archive of a bus's events, all of them or those its pattern matches, kept for
 * RetentionDays (0: forever). From this call on, every event the bus accepts that it matches is archived
 * in the same transaction as the event's deliveries.
 */
export async function createArchive(
  context: ArchivesContext,
  input: CreateArchiveInput,
): Promise<{ ArchiveArn: string; State: "ENABLED"; CreationTime: Date }> {
  checkArchiveName(input.ArchiveName);
  const source = parseTargetArn(input.EventSourceArn);
  if (source?.kind !== "bus") {
    throw new ValidationError(
      `Parameter EventSourceArn is not valid. Reason: ${input.EventSourceArn} is not the ARN of an event bus.`,
    );
  }
  const routes = await context.routesOf(source.name);
  if (routes === undefined) {
    throw new ResourceNotFoundError(`Event bus ${source.name} does not exist.`, { bus: source.name });
  }
  checkArchiveSettings(input);
  if ((await context.archives.getArchive(input.ArchiveName)) !== undefined) {
    throw new ResourceAlreadyExistsError(`Archive ${input.ArchiveName} already exists.`, {
      archive: input.ArchiveName,
    });
  }
  const record: ArchiveRecord = {
    name: input.ArchiveName,
    bus: source.name,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    ...(input.EventPattern === undefined ? {} : { eventPattern: input.EventPattern }),
    retentionDays: input.RetentionDays ?? 0,
    createdAtMs: context.clock.nowMs(),
  };
  await context.archives.putArchive(record);
  routes.setArchive(record);
  return {
    ArchiveArn: archiveArnOf(context, record.name),
    State: "ENABLED",
    CreationTime: new Date(record.createdAtMs),
  };
}

/** UpdateArchive: a new description, pattern or retention; the archived events stay. */
export async function updateArchive(
  context: ArchivesContext,
  input: UpdateArchiveInput,
): Promise<{ ArchiveArn: string; State: "ENABLED"; CreationTime: Date }> {
  const current = await requireArchive(context, input.ArchiveName);
  checkArchiveSettings(input);
  const record: ArchiveRecord = {
    name: current.name,
    bus: current.bus,
    ...((input.Description ?? current.description) === undefined
      ? {}
      : { description: input.Description ?? current.description }),
    ...((input.EventPattern ?? current.eventPattern) === undefined
      ? {}
      : { eventPattern: input.EventPattern ?? current.eventPattern }),
    retentionDays: input.RetentionDays ?? current.retentionDays,
    createdAtMs: current.createdAtMs,
  };
  await context.archives.putArchive(record);
  (await context.routesOf(record.bus))?.setArchive(record);
  return {
    ArchiveArn: archiveArnOf(context, record.name),
    State: "ENABLED",
    CreationTime: new Date(record.createdAtMs),
  };
}

/** DeleteArchive: the archive and every event it keeps. */
export async function deleteArchive(context: ArchivesContext, name: string): Promise<void> {
  const archive = await requireArchive(context, name);
  await context.archives.deleteArchive(name);
  (await context.routesOf(archive.bus))?.deleteArchive(name);
}

/** An archive as DescribeArchive answers it. */
export function describeArchive(context: ArchivesContext, archive: ArchiveSummary): ArchiveDescription {
  return {
    ArchiveArn: archiveArnOf(context, archive.name),
    ArchiveName: archive.name,
    EventSourceArn: busArnOf(context, archive.bus),
    ...(archive.description === undefined ? {} : { Description: archive.description }),
    ...(archive.eventPattern === undefined ? {} : { EventPattern: archive.eventPattern }),
    State: "ENABLED",
    RetentionDays: archive.retentionDays,
    SizeBytes: archive.sizeBytes,
    EventCount: archive.eventCount,
    CreationTime: new Date(archive.createdAtMs),
  };
}

/** ListArchives: by name, optionally by prefix and source bus. */
export async function listArchives(
  context: ArchivesContext,
  filter: { readonly NamePrefix?: string; readonly EventSourceArn?: string } = {},
): Promise<ArchiveDescription[]> {
  const found = await context.archives.listArchives(filter.NamePrefix);
  return found
    .map((archive) => describeArchive(context, archive))
    .filter(
      (archive) => filter.EventSourceArn === undefined || archive.EventSourceArn === filter.EventSourceArn,
    );
}

function checkArchiveName(name: string): void {
  if (!ARCHIVE_NAME.test(name)) {
    throw new ValidationError(
      `1 validation error detected: Value '${name}' at 'archiveName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    );
  }
}

function checkArchiveSettings(input: {
  readonly EventPattern?: string;
  readonly RetentionDays?: number;
}): void {
  if (input.EventPattern !== undefined) compileEventPattern(input.EventPattern);
  const days = input.RetentionDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) {
    throw new ValidationError(
      `1 validation error detected: Value '${days}' at 'retentionDays' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  }
}
