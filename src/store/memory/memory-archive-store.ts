import type {
  ArchivedEvent,
  ArchivedEventInput,
  ArchivePosition,
  ArchiveRead,
  ArchiveRecord,
  ArchiveStore,
  ArchiveSummary,
  ReplayRecord,
} from "../archive-store.js";

/** An archive's state: its definition, its events in (archivedAtMs, sequence) order, and its counters. */
interface ArchiveState {
  record: ArchiveRecord;
  readonly events: ArchivedEvent[];
  sizeBytes: number;
}

/** Whether `a` comes before `b` in an archive's order. */
function before(a: ArchivePosition, b: ArchivePosition): boolean {
  return a.archivedAtMs < b.archivedAtMs || (a.archivedAtMs === b.archivedAtMs && a.sequence < b.sequence);
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The ArchiveStore in memory, for tests and throwaway runs. Events are kept sorted on insert (appends
 * come in time order almost always, so the insert is at the end); records are frozen copies.
 */
export function createMemoryArchiveStore(): ArchiveStore {
  const archives = new Map<string, ArchiveState>();
  const replays = new Map<string, ReplayRecord>();
  let nextSequence = 1;

  const summary = (state: ArchiveState): ArchiveSummary =>
    Object.freeze({ ...state.record, eventCount: state.events.length, sizeBytes: state.sizeBytes });

  return {
    async putArchive(archive) {
      const record = Object.freeze({ ...archive });
      const existing = archives.get(archive.name);
      if (existing === undefined) archives.set(archive.name, { record, events: [], sizeBytes: 0 });
      else existing.record = record;
    },
    async getArchive(name) {
      const state = archives.get(name);
      return state === undefined ? undefined : summary(state);
    },
    async listArchives(prefix = "") {
      return [...archives.values()]
        .filter((state) => state.record.name.startsWith(prefix))
        .map(summary)
        .sort(byName);
    },
    async deleteArchive(name) {
      return archives.delete(name);
    },

    async append(events: readonly ArchivedEventInput[]) {
      for (const input of events) {
        const state = archives.get(input.archive);
        if (state === undefined) continue;
        const event: ArchivedEvent = Object.freeze({ ...input, sequence: nextSequence++ });
        let at = state.events.length;
        while (at > 0 && before(event, state.events[at - 1] as ArchivedEvent)) at--;
        state.events.splice(at, 0, event);
        state.sizeBytes += Buffer.byteLength(input.event);
      }
    },
    async read(request: ArchiveRead) {
      const state = archives.get(request.archive);
      if (state === undefined) return [];
      const found: ArchivedEvent[] = [];
      for (const event of state.events) {
        if (found.length >= request.limit || event.archivedAtMs > request.toMs) break;
        if (event.archivedAtMs < request.fromMs) continue;
        if (request.after !== undefined && !before(request.after, event)) continue;
        found.push(event);
      }
      return found;
    },
    async expire(archive, beforeMs, limit) {
      const state = archives.get(archive);
      if (state === undefined) return 0;
      let count = 0;
      while (count < limit && (state.events[count]?.archivedAtMs ?? Number.POSITIVE_INFINITY) < beforeMs)
        count++;
      for (const event of state.events.splice(0, count)) state.sizeBytes -= Buffer.byteLength(event.event);
      return count;
    },

    async putReplay(replay) {
      replays.set(replay.name, Object.freeze({ ...replay }));
    },
    async getReplay(name) {
      return replays.get(name);
    },
    async listReplays(prefix = "") {
      return [...replays.values()].filter((replay) => replay.name.startsWith(prefix)).sort(byName);
    },
  };
}
