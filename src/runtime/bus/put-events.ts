import { EventBusNotFoundError } from "../../core/errors.js";
import {
  createEnvelope,
  createPutEventsResponse,
  type PutEventsResponse,
  type PutEventsResultEntry,
  validatePutEventsEntries,
} from "../../core/events/index.js";
import { busNameOf } from "./bus-names.js";
import { FanOut, type FanOutContext } from "./fan-out.js";

/** What PutEvents works with. */
export type PutEventsContext = FanOutContext;

/**
 * PutEvents: every valid entry becomes an event; the deliveries to every matching target are
 * committed in ONE store transaction before the call answers, so an acknowledged event has reached all
 * its targets or (on a crash before the answer) none and the caller retries. Entries answer in order.
 */
export async function putEvents(context: PutEventsContext, entries: unknown): Promise<PutEventsResponse> {
  const validations = validatePutEventsEntries(entries);
  const now = new Date(context.clock.nowMs());
  const fanOut = new FanOut(context);
  const results: PutEventsResultEntry[] = [];
  for (const validation of validations) {
    if (!validation.ok) {
      results.push({ ErrorCode: validation.ErrorCode, ErrorMessage: validation.ErrorMessage });
      continue;
    }
    const { entry } = validation;
    const bus = busNameOf(entry.eventBusName);
    const event = createEnvelope(entry, {
      id: context.ids.messageId(),
      account: context.account,
      region: context.region,
      now,
    });
    const arrived = await fanOut.arrive({
      bus,
      event,
      ...(entry.traceHeader === undefined ? {} : { traceHeader: entry.traceHeader }),
    });
    results.push(
      arrived
        ? { EventId: event.id }
        : { ErrorCode: "ResourceNotFoundException", ErrorMessage: new EventBusNotFoundError(bus).message },
    );
  }
  await fanOut.commit();
  return createPutEventsResponse(results);
}
