import {
  IllegalStatusError,
  ResourceAlreadyExistsError,
  ResourceNotFoundError,
  ValidationError,
} from "../../core/errors.js";
import { type EventEnvelope, parseTargetArn } from "../../core/events/index.js";
import { type ReplayRecord, ReplayState } from "../../store/archive-store.js";
import { type ArchivesContext, requireArchive } from "./archives.js";
import { archiveArnOf, busArnOf, replayArnOf } from "./bus-names.js";
import { FanOut, type FanOutContext } from "./fan-out.js";

/** StartReplay's parameters, with AWS's names. */
export interface StartReplayInput {
  readonly ReplayName: string;
  readonly Description?: string;
  readonly EventSourceArn: string;
  readonly EventStartTime: Date;
  readonly EventEndTime: Date;
  readonly Destination: { readonly Arn: string; readonly FilterArns?: readonly string[] };
}

/** A replay as DescribeReplay answers it. */
export interface ReplayDescription {
  readonly ReplayName: string;
  readonly ReplayArn: string;
  readonly Description?: string;
  readonly State: ReplayState;
  readonly StateReason?: string;
  readonly EventSourceArn: string;
  readonly Destination: { readonly Arn: string; readonly FilterArns?: readonly string[] };
  readonly EventStartTime: Date;
  readonly EventEndTime: Date;
  readonly EventLastReplayedTime?: Date;
  readonly ReplayStartTime: Date;
  readonly ReplayEndTime?: Date;
}

/** How many archived events a replay sends per transaction. */
export const REPLAY_BATCH_SIZE = 100;

const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const ACTIVE: ReadonlySet<ReplayState> = new Set([
  ReplayState.Starting,
  ReplayState.Running,
  ReplayState.Cancelling,
]);

/**
 * Replays: StartReplay records a replay (STARTING) and a background run sends the archive's events of the
 * time window back to their bus (RUNNING), to every rule or to the rules Destination.FilterArns names, each
 * event marked with "replay-name" and never archived again; it ends COMPLETED, or CANCELLED after
 * CancelReplay (CANCELLING). Each batch's deliveries and the replay's new position commit together, so a
 * replay that a crash interrupts resumes after the last batch it committed, sending nothing twice.
 */
export class Replayer {
  readonly #context: FanOutContext & ArchivesContext;
  readonly #runs = new Map<string, Promise<void>>();
  /** Cancels asked for in this process: a run that raced the request still sees it. */
  readonly #cancelled = new Set<string>();
  #stopped = false;

  constructor(context: FanOutContext & ArchivesContext) {
    this.#context = context;
  }

  /** StartReplay: checks the request as EventBridge does, records the replay and starts it. */
  async start(
    input: StartReplayInput,
  ): Promise<{ ReplayArn: string; State: ReplayState; ReplayStartTime: Date }> {
    if (!REPLAY_NAME.test(input.ReplayName)) {
      throw new ValidationError(
        `1 validation error detected: Value '${input.ReplayName}' at 'replayName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
      );
    }
    const archiveName = archiveNameOf(input.EventSourceArn);
    const archive = await requireArchive(this.#context, archiveName);
    const destination = parseTargetArn(input.Destination.Arn);
    if (destination?.kind !== "bus" || destination.name !== archive.bus) {
      throw new ValidationError(
        "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
      );
    }
    const startMs = input.EventStartTime.getTime();
    const endMs = input.EventEndTime.getTime();
    if (!(startMs < endMs)) {
      throw new ValidationError(
        "Parameter EventStartTime is not valid. Reason: EventStartTime must be before EventEndTime.",
      );
    }
    if (endMs > this.#context.clock.nowMs()) {
      throw new ValidationError(
        "Parameter EventEndTime is not valid. Reason: EventEndTime cannot be in the future.",
      );
    }
    if ((await this.#context.archives.getReplay(input.ReplayName)) !== undefined) {
      throw new ResourceAlreadyExistsError(`Replay ${input.ReplayName} already exists.`, {
        replay: input.ReplayName,
      });
    }
    const replay: ReplayRecord = {
      name: input.ReplayName,
      ...(input.Description === undefined ? {} : { description: input.Description }),
      archive: archive.name,
      bus: archive.bus,
      ...(input.Destination.FilterArns === undefined ? {} : { ruleArns: [...input.Destination.FilterArns] }),
      eventStartMs: startMs,
      eventEndMs: endMs,
      state: ReplayState.Starting,
      startedAtMs: this.#context.clock.nowMs(),
    };
    await this.#context.archives.putReplay(replay);
    this.#launch(replay.name);
    return {
      ReplayArn: replayArnOf(this.#context, replay.name),
      State: replay.state,
      ReplayStartTime: new Date(replay.startedAtMs),
    };
  }

  /** CancelReplay: a replay still starting or running stops after its current batch. */
  async cancel(name: string): Promise<{ ReplayArn: string; State: ReplayState }> {
    const replay = await this.#require(name);
    if (replay.state !== ReplayState.Starting && replay.state !== ReplayState.Running) {
      throw new IllegalStatusError(`Replay ${name} is not in a valid state for this operation.`, {
        replay: name,
      });
    }
    this.#cancelled.add(name);
    await this.#context.archives.putReplay({ ...replay, state: ReplayState.Cancelling });
    this.#launch(name);
    return { ReplayArn: replayArnOf(this.#context, name), State: ReplayState.Cancelling };
  }

  /** DescribeReplay. */
  async describe(name: string): Promise<ReplayDescription> {
    return this.#describe(await this.#require(name));
  }

  /** ListReplays: by name, optionally by prefix, state and archive. */
  async list(
    filter: {
      readonly NamePrefix?: string;
      readonly State?: ReplayState;
      readonly EventSourceArn?: string;
    } = {},
  ): Promise<ReplayDescription[]> {
    return (await this.#context.archives.listReplays(filter.NamePrefix))
      .filter((replay) => filter.State === undefined || replay.state === filter.State)
      .map((replay) => this.#describe(replay))
      .filter(
        (replay) => filter.EventSourceArn === undefined || replay.EventSourceArn === filter.EventSourceArn,
      );
  }

  /** Resumes the replays a previous run left starting, running or cancelling. */
  async resume(): Promise<void> {
    for (const replay of await this.#context.archives.listReplays()) {
      if (ACTIVE.has(replay.state)) this.#launch(replay.name);
    }
  }

  /** Resolves when no replay is running (the runs finished, or stop() halted them). */
  async idle(): Promise<void> {
    while (this.#runs.size > 0) await Promise.all(this.#runs.values());
  }

  /** Halts every run after its current batch; a later resume() continues them. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.idle();
  }

  #launch(name: string): void {
    if (this.#stopped || this.#runs.has(name)) return;
    const run = this.#run(name).finally(() => this.#runs.delete(name));
    this.#runs.set(name, run);
  }

  async #run(name: string): Promise<void> {
    const { archives } = this.#context;
    let replay = await this.#require(name);
    if (replay.state === ReplayState.Starting) {
      replay = { ...replay, state: ReplayState.Running };
      await archives.putReplay(replay);
    }
    const rules = replay.ruleArns === undefined ? undefined : new Set(replay.ruleArns.map(ruleNameOf));
    while (!this.#stopped) {
      // Read back each turn: CancelReplay writes the state this run must see.
      replay = await this.#require(name);
      if (this.#cancelled.has(name)) replay = { ...replay, state: ReplayState.Cancelling };
      if (replay.state !== ReplayState.Running) break;
      const batch = await archives.read({
        archive: replay.archive,
        fromMs: replay.eventStartMs,
        toMs: replay.eventEndMs,
        ...(replay.position === undefined ? {} : { after: replay.position }),
        limit: REPLAY_BATCH_SIZE,
      });
      const last = batch.at(-1);
      if (last === undefined) {
        await archives.putReplay({
          ...replay,
          state: ReplayState.Completed,
          endedAtMs: this.#context.clock.nowMs(),
        });
        return;
      }
      const fanOut = new FanOut(this.#context);
      for (const archived of batch) {
        const event = withReplayName(JSON.parse(archived.event) as EventEnvelope, name);
        await fanOut.arrive({ bus: replay.bus, event, ...(rules === undefined ? {} : { rules }) });
      }
      const next: ReplayRecord = {
        ...replay,
        position: { archivedAtMs: last.archivedAtMs, sequence: last.sequence },
        lastReplayedAtMs: last.archivedAtMs,
      };
      await fanOut.commit(() => archives.putReplay(next));
      // Let other work run between batches: a long replay shares the process.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (replay.state === ReplayState.Cancelling) {
      await archives.putReplay({
        ...replay,
        state: ReplayState.Cancelled,
        endedAtMs: this.#context.clock.nowMs(),
      });
      this.#cancelled.delete(name);
    }
  }

  async #require(name: string): Promise<ReplayRecord> {
    const replay = await this.#context.archives.getReplay(name);
    if (replay === undefined)
      throw new ResourceNotFoundError(`Replay ${name} does not exist.`, { replay: name });
    return replay;
  }

  #describe(replay: ReplayRecord): ReplayDescription {
    return {
      ReplayName: replay.name,
      ReplayArn: replayArnOf(this.#context, replay.name),
      ...(replay.description === undefined ? {} : { Description: replay.description }),
      State: replay.state,
      ...(replay.stateReason === undefined ? {} : { StateReason: replay.stateReason }),
      EventSourceArn: archiveArnOf(this.#context, replay.archive),
      Destination: {
        Arn: busArnOf(this.#context, replay.bus),
        ...(replay.ruleArns === undefined ? {} : { FilterArns: replay.ruleArns }),
      },
      EventStartTime: new Date(replay.eventStartMs),
      EventEndTime: new Date(replay.eventEndMs),
      ...(replay.lastReplayedAtMs === undefined
        ? {}
        : { EventLastReplayedTime: new Date(replay.lastReplayedAtMs) }),
      ReplayStartTime: new Date(replay.startedAtMs),
      ...(replay.endedAtMs === undefined ? {} : { ReplayEndTime: new Date(replay.endedAtMs) }),
    };
  }
}

/** The archive an EventSourceArn names (arn:aws:events:REGION:ACCOUNT:archive/NAME). */
function archiveNameOf(arn: string): string {
  const marker = ":archive/";
  const at = arn.indexOf(marker);
  if (!arn.startsWith("arn:") || at < 0) {
    throw new ValidationError(
      `Parameter EventSourceArn is not valid. Reason: ${arn} is not the ARN of an archive.`,
    );
  }
  return arn.slice(at + marker.length);
}

/** A rule's name from its ARN (…:rule/NAME or …:rule/BUS/NAME). */
function ruleNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** The event as a replay sends it: "replay-name" after "region", where EventBridge writes it. */
function withReplayName(event: EventEnvelope, replayName: string): EventEnvelope {
  const { resources, detail, ...head } = event;
  return { ...head, "replay-name": replayName, resources, detail };
}
