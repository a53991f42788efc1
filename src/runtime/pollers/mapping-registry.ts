import { isFifoQueueName } from "../../core/queues/index.js";
import type { FunctionSettingsStore, StoredEventSourceMapping } from "../../store/function-settings-store.js";
import type { Clock } from "../clock.js";
import { type FunctionRunner, functionArn } from "../functions/index.js";
import type { IdSource } from "../ids.js";
import { oneAtATime } from "../one-at-a-time.js";
import {
  createEventSourceMapping,
  type EventSourceMapping,
  EventSourceMappingState,
} from "./event-source-mapping.js";
import {
  type EventSourceMappingConfiguration,
  mappingConfiguration,
  storedSettings,
} from "./mapping-configuration.js";
import {
  EventSourceMappingConflictError,
  EventSourceMappingInUseError,
  EventSourceMappingNotFoundError,
  MappedFunctionNotFoundError,
} from "./mapping-errors.js";
import {
  changeMappingSettings,
  checkQueueKind,
  type MappingSettings,
  type MappingSettingsChange,
  type MappingSettingsInput,
  resolveMappingSettings,
} from "./mapping-settings.js";
import type { MappingListeners, MappingQueueService } from "./poller-context.js";
import type { QueueWaits } from "./queue-waits.js";

export type { EventSourceMappingConfiguration } from "./mapping-configuration.js";

/** A new mapping: the queue and function by name, the settings as the app definition resolves them. */
export interface CreateEventSourceMappingInput extends MappingSettingsInput {
  readonly queue: string;
  readonly function: string;
  /** An app declares it (stored with the declaration, so a later start knows it): else Lambda's API made it. */
  readonly declaredByApp?: boolean;
}

/** A change to a mapping; `function` points it at another function. */
export interface UpdateEventSourceMappingInput extends MappingSettingsChange {
  readonly function?: string;
}

/** What a registry runs its mappings on. */
export interface EventSourceMappingRegistryOptions extends MappingListeners {
  readonly queues: MappingQueueService;
  /** Where every mapping made, changed or deleted is recorded before the call answers. */
  readonly store: FunctionSettingsStore;
  readonly waits: QueueWaits;
  /** The runner of a function, by name; undefined for a function that does not exist. */
  readonly runners: (functionName: string) => FunctionRunner | undefined;
  readonly clock: Clock;
  /** Where mapping UUIDs come from (`messageId()`). */
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
}

/** The mappings of an account and Region, managed as Lambda's event source mapping API manages them. */
export interface EventSourceMappingRegistry {
  /** CreateEventSourceMapping: answers with State Creating (Disabled for a disabled mapping); polling has started. */
  create(input: CreateEventSourceMappingInput): Promise<EventSourceMappingConfiguration>;
  /**
   * Runs a stored mapping again under its UUID (a restart), as stored: it writes nothing. A queue that is missing
   * does not stop it (it polls with errors until a queue of that name exists, as on AWS); an unknown function or
   * settings no longer valid are refused as create refuses them.
   */
  restore(stored: StoredEventSourceMapping): Promise<EventSourceMappingConfiguration>;
  get(uuid: string): EventSourceMappingConfiguration;
  /** ListEventSourceMappings, in creation order, optionally of one queue and/or one function. */
  list(filter?: { readonly queue?: string; readonly function?: string }): EventSourceMappingConfiguration[];
  /** UpdateEventSourceMapping: checked at once, applied in the background; answers Updating, Enabling or Disabling. */
  update(uuid: string, input: UpdateEventSourceMappingInput): Promise<EventSourceMappingConfiguration>;
  /**
   * DeleteEventSourceMapping: answers Deleting; the mapping is gone once its in-flight batches are settled. Until then
   * it is listed as Deleting, and updating or deleting it again is refused (ResourceInUseException).
   */
  delete(uuid: string): Promise<EventSourceMappingConfiguration>;
  /** The running mapping behind a UUID (its counters, its pollers). */
  mapping(uuid: string): EventSourceMapping;
  /** Resolves when every update and delete under way has been applied. */
  settled(): Promise<void>;
  /** Stops every mapping (the process is ending); they stay listed. */
  stop(): Promise<void>;
}

interface Entry {
  readonly uuid: string;
  readonly queueName: string;
  functionName: string;
  mapping: EventSourceMapping;
  /** The settings as the last create or update declared them (the mapping applies them in the background). */
  settings: MappingSettings;
  lastModifiedMs: number;
  /** What the app that declared it declared; undefined for a mapping made over Lambda's API. */
  readonly declared: StoredEventSourceMapping["declared"];
  /** A state the answer gave while its work runs in the background. */
  transition: EventSourceMappingState | undefined;
  work: Promise<void>;
}

/**
 * Creates a registry of event source mappings: UUIDs, Lambda's refusal of a second mapping of the same queue and
 * function (ResourceConflictException), its states and its configuration shape.
 * @example
 * const mappings = createEventSourceMappingRegistry({ queues, waits, runners: (name) => runners.get(name), clock, ids, account, region });
 * const { UUID } = await mappings.create({ queue: "orders", function: "fulfil", reportBatchItemFailures: true });
 */
export function createEventSourceMappingRegistry(
  options: EventSourceMappingRegistryOptions,
): EventSourceMappingRegistry {
  const entries = new Map<string, Entry>();
  const pending = new Set<Promise<void>>();
  const { clock, queues } = options;
  const onError = options.onError ?? ((error: unknown) => console.error(error));

  const found = (uuid: string): Entry => {
    const entry = entries.get(uuid);
    if (entry === undefined) throw new EventSourceMappingNotFoundError(uuid);
    return entry;
  };

  /** An entry that may change: Lambda refuses to change a mapping it is deleting. */
  const changeable = (uuid: string): Entry => {
    const entry = found(uuid);
    if (entry.transition === EventSourceMappingState.Deleting) throw new EventSourceMappingInUseError(uuid);
    return entry;
  };

  const runnerOf = (functionName: string): FunctionRunner => {
    const runner = options.runners(functionName);
    if (runner === undefined) throw new MappedFunctionNotFoundError(functionArn(options, functionName));
    return runner;
  };

  const refuseDuplicate = (queueName: string, functionName: string, except?: string) => {
    for (const entry of entries.values()) {
      if (entry.uuid === except || entry.transition === EventSourceMappingState.Deleting) continue;
      if (entry.queueName === queueName && entry.functionName === functionName) {
        throw new EventSourceMappingConflictError(queues.queueArn(queueName), functionName, entry.uuid);
      }
    }
  };

  const stored = (entry: Entry): StoredEventSourceMapping => ({
    uuid: entry.uuid,
    queueName: entry.queueName,
    functionName: entry.functionName,
    settings: storedSettings(entry.settings),
    lastModifiedMs: entry.lastModifiedMs,
    ...(entry.declared === undefined ? {} : { declared: entry.declared }),
  });

  const newMapping = (
    uuid: string,
    queueName: string,
    runner: FunctionRunner,
    settings: MappingSettingsInput,
  ) =>
    createEventSourceMapping({
      ...settings,
      queues,
      waits: options.waits,
      runner,
      queueName,
      clock,
      region: options.region,
      uuid,
      ...(options.onInvocation === undefined ? {} : { onInvocation: options.onInvocation }),
      ...(options.onFilteredOut === undefined ? {} : { onFilteredOut: options.onFilteredOut }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });

  /** Runs an entry's background work in order; a failure is reported, and the entry's transition ends with it. */
  const inBackground = (entry: Entry, work: () => Promise<void>) => {
    const done: Promise<void> = entry.work
      .then(work)
      .catch((error: unknown) => onError(error, "update"))
      .finally(() => {
        pending.delete(done);
        if (entry.work === done && entry.transition !== EventSourceMappingState.Deleting) {
          entry.transition = undefined;
        }
      });
    entry.work = done;
    pending.add(done);
  };

  const configuration = (entry: Entry, state?: EventSourceMappingState): EventSourceMappingConfiguration =>
    mappingConfiguration(
      { ...entry, state: state ?? entry.transition ?? entry.mapping.state },
      { ...options, queueArn: (name) => queues.queueArn(name) },
    );

  /** Registers a mapping and starts it, and records it unless it is restored (then it is on record already). */
  const register = async (
    uuid: string,
    input: CreateEventSourceMappingInput,
    settings: MappingSettings,
    lastModifiedMs: number,
    declared: StoredEventSourceMapping["declared"],
    /** Create: checked and recorded. Restore: on record already, and its queue may be gone meanwhile. */
    restoring: boolean,
  ): Promise<Entry> => {
    const runner = runnerOf(input.function);
    refuseDuplicate(input.queue, input.function);
    const entry: Entry = {
      uuid,
      queueName: input.queue,
      functionName: input.function,
      mapping: newMapping(uuid, input.queue, runner, storedSettings(settings)),
      settings,
      lastModifiedMs,
      declared,
      transition: undefined,
      work: Promise.resolve(),
    };
    // Registered before the queue is looked at, so a second create of the same pair meanwhile is refused.
    entries.set(uuid, entry);
    try {
      await entry.mapping.start({ queueMayBeMissing: restoring });
      if (!restoring) await options.store.putEventSourceMapping(stored(entry));
    } catch (error) {
      entries.delete(uuid);
      await entry.mapping.stop();
      throw error;
    }
    return entry;
  };

  // Creates, updates and deletes run one at a time: each checks the registry, then waits for the store, and
  // none may act on what another changes meanwhile (an update recorded after the delete it raced).
  const serially = oneAtATime();

  return {
    create: (input) =>
      serially(async () => {
        const settings = resolveMappingSettings(input);
        const declared =
          input.declaredByApp === true
            ? { queueName: input.queue, functionName: input.function, settings: storedSettings(settings) }
            : undefined;
        const entry = await register(
          options.ids.messageId(),
          input,
          settings,
          clock.nowMs(),
          declared,
          false,
        );
        return configuration(
          entry,
          settings.enabled ? EventSourceMappingState.Creating : EventSourceMappingState.Disabled,
        );
      }),

    restore: (record) =>
      serially(async () => {
        const settings = resolveMappingSettings(record.settings);
        const input = { queue: record.queueName, function: record.functionName };
        const entry = await register(
          record.uuid,
          input,
          settings,
          record.lastModifiedMs,
          record.declared,
          true,
        );
        return configuration(entry);
      }),

    get: (uuid) => configuration(found(uuid)),

    list(filter = {}) {
      return [...entries.values()]
        .filter((entry) => filter.queue === undefined || entry.queueName === filter.queue)
        .filter((entry) => filter.function === undefined || entry.functionName === filter.function)
        .map((entry) => configuration(entry));
    },

    update: (uuid, input) =>
      serially(async () => {
        const entry = changeable(uuid);
        const { function: functionName, ...change } = input;
        const next = changeMappingSettings(entry.settings, change);
        checkQueueKind(next, isFifoQueueName(entry.queueName));
        const runner =
          functionName === undefined || functionName === entry.functionName
            ? undefined
            : runnerOf(functionName);
        if (runner !== undefined) refuseDuplicate(entry.queueName, runner.definition.name, uuid);
        const lastModifiedMs = clock.nowMs();
        await options.store.putEventSourceMapping({
          ...stored(entry),
          functionName: runner?.definition.name ?? entry.functionName,
          settings: storedSettings(next),
          lastModifiedMs,
        });
        const was = entry.settings.enabled;
        entry.transition =
          runner === undefined && was !== next.enabled
            ? next.enabled
              ? EventSourceMappingState.Enabling
              : EventSourceMappingState.Disabling
            : EventSourceMappingState.Updating;
        entry.settings = next;
        entry.lastModifiedMs = lastModifiedMs;
        if (runner === undefined) {
          const mapping = entry.mapping;
          inBackground(entry, () => mapping.update(change));
        } else {
          // Another function: a new mapping under the same UUID takes over once the old one has settled its batches.
          const previous = entry.mapping;
          const replacement = newMapping(uuid, entry.queueName, runner, storedSettings(next));
          entry.mapping = replacement;
          entry.functionName = runner.definition.name;
          inBackground(entry, async () => {
            await previous.stop();
            await replacement.start();
          });
        }
        return configuration(entry);
      }),

    delete: (uuid) =>
      serially(async () => {
        const entry = changeable(uuid);
        await options.store.deleteEventSourceMapping(uuid);
        entry.transition = EventSourceMappingState.Deleting;
        const mapping = entry.mapping;
        inBackground(entry, async () => {
          try {
            await mapping.stop();
          } finally {
            entries.delete(uuid);
          }
        });
        return configuration(entry);
      }),

    mapping: (uuid) => found(uuid).mapping,

    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },

    async stop() {
      await Promise.all([...entries.values()].map((entry) => entry.work.then(() => entry.mapping.stop())));
    },
  };
}
