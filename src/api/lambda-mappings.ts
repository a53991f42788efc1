import { ValidationError } from "../core/errors.js";
import { parseTargetArn } from "../core/events/index.js";
import type { AppRuntime } from "../runtime/app/app-runtime.js";
import {
  type CreateEventSourceMappingInput,
  type EventSourceMappingConfiguration,
  EventSourceMappingNotFoundError,
  type UpdateEventSourceMappingInput,
} from "../runtime/pollers/index.js";
import type { Switchyard } from "../switchyard.js";
import type { ApiRequest } from "./api-request.js";
import { invalidParameterValue } from "./lambda-errors.js";
import { findFunction } from "./lambda-functions.js";
import { integerQuery, optionalMember, page, requiredMember } from "./lambda-input.js";
import type { ApiPlace } from "./sqs-json.js";

/** ListEventSourceMappings' MaxItems: 1 to 10,000, 100 when left out (API_ListEventSourceMappings). */
const LIST_MAX_ITEMS = Object.freeze({ min: 1, max: 10_000, default: 100 });

const REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

/** Lambda's event source mapping API over the mapping registries of the running apps. */
export interface LambdaMappings {
  create(input: Record<string, unknown>): Promise<EventSourceMappingConfiguration>;
  get(uuid: string): EventSourceMappingConfiguration;
  list(request: ApiRequest): { EventSourceMappings: EventSourceMappingConfiguration[]; NextMarker?: string };
  update(uuid: string, input: Record<string, unknown>): Promise<EventSourceMappingConfiguration>;
  delete(uuid: string): Promise<EventSourceMappingConfiguration>;
}

/**
 * Create / Get / List / Update / DeleteEventSourceMapping: Lambda's JSON members translated to the registry's
 * input. A mapping lives in the registry of the app that runs its function; SQS is the only event source.
 */
export function createLambdaMappings(switchyard: Switchyard, place: ApiPlace): LambdaMappings {
  const owner = (uuid: string): AppRuntime => {
    const runtime = switchyard.apps().find((app) => app.mappings.list().some((m) => m.UUID === uuid));
    if (runtime === undefined) throw new EventSourceMappingNotFoundError(uuid);
    return runtime;
  };
  return {
    async create(input) {
      const queue = queueName(place, requiredMember(input, "EventSourceArn", "string"));
      const running = findFunction(switchyard, place, requiredMember(input, "FunctionName", "string"));
      const create: CreateEventSourceMappingInput = {
        queue,
        function: running.definition.name,
        ...settingsOf(input),
      };
      return running.runtime.mappings.create(create);
    },
    get: (uuid) => owner(uuid).mappings.get(uuid),
    list(request) {
      const arn = request.query.get("EventSourceArn");
      const functionName = request.query.get("FunctionName");
      const filter = {
        ...(arn === null ? {} : { queue: queueName(place, arn) }),
        ...(functionName === null
          ? {}
          : { function: findFunction(switchyard, place, functionName).definition.name }),
      };
      const all = switchyard.apps().flatMap((app) => app.mappings.list(filter));
      const maxItems = integerQuery(request, "MaxItems", LIST_MAX_ITEMS) ?? LIST_MAX_ITEMS.default;
      const { items, nextMarker } = page(all, request.query.get("Marker"), maxItems);
      return { EventSourceMappings: items, ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }) };
    },
    async update(uuid, input) {
      const runtime = owner(uuid);
      const functionName = optionalMember(input, "FunctionName", "string");
      let target: string | undefined;
      if (functionName !== undefined) {
        const running = findFunction(switchyard, place, functionName);
        if (running.runtime !== runtime) {
          throw invalidParameterValue(
            `The function ${running.definition.name} runs in another app than the mapping ${uuid}: Switchyard ` +
              "cannot move a mapping between apps; delete it and create it for that function.",
          );
        }
        target = running.definition.name;
      }
      const { maximumConcurrency, ...settings } = settingsOf(input);
      const scaling = optionalMember(input, "ScalingConfig", "object");
      const update: UpdateEventSourceMappingInput = {
        ...settings,
        ...(target === undefined ? {} : { function: target }),
        // An empty ScalingConfig removes the maximum, as UpdateEventSourceMapping does.
        ...(scaling === undefined ? {} : { maximumConcurrency: maximumConcurrency ?? null }),
      };
      return runtime.mappings.update(uuid, update);
    },
    delete: (uuid) => owner(uuid).mappings.delete(uuid),
  };
}

/** The mapping settings a Create or Update states, as the registry takes them. */
function settingsOf(input: Record<string, unknown>) {
  const batchSize = optionalMember(input, "BatchSize", "number");
  const window = optionalMember(input, "MaximumBatchingWindowInSeconds", "number");
  const enabled = optionalMember(input, "Enabled", "boolean");
  const scaling = optionalMember(input, "ScalingConfig", "object");
  const maximumConcurrency = scaling && optionalMember(scaling, "MaximumConcurrency", "number");
  const filterCriteria = optionalMember(input, "FilterCriteria", "object");
  const responseTypes = input.FunctionResponseTypes;
  return {
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(window === undefined ? {} : { maximumBatchingWindowSeconds: window }),
    ...(enabled === undefined ? {} : { enabled }),
    ...(maximumConcurrency === undefined ? {} : { maximumConcurrency }),
    ...(filterCriteria === undefined ? {} : { filterPatterns: filterPatterns(filterCriteria) }),
    ...(responseTypes === undefined || responseTypes === null
      ? {}
      : { reportBatchItemFailures: reportBatchItemFailures(responseTypes) }),
  };
}

function filterPatterns(criteria: Record<string, unknown>): string[] {
  const filters = criteria.Filters ?? [];
  if (!Array.isArray(filters))
    throw invalidParameterValue("FilterCriteria.Filters must be a list of filters");
  return filters.map((filter: unknown) => {
    const pattern =
      typeof filter === "object" && filter !== null
        ? optionalMember(filter as Record<string, unknown>, "Pattern", "string")
        : undefined;
    if (pattern === undefined) throw invalidParameterValue("Each filter of FilterCriteria needs a Pattern");
    return pattern;
  });
}

function reportBatchItemFailures(types: unknown): boolean {
  if (!Array.isArray(types) || types.some((type) => type !== REPORT_BATCH_ITEM_FAILURES)) {
    throw new ValidationError(
      `1 validation error detected: Value '${JSON.stringify(types)}' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${REPORT_BATCH_ITEM_FAILURES}]]`,
      { FunctionResponseTypes: types },
    );
  }
  return types.length > 0;
}

/** The queue an SQS ARN of this account and Region names; any other event source is refused as Lambda refuses it. */
function queueName(place: ApiPlace, arn: string): string {
  const target = parseTargetArn(arn);
  if (target?.kind !== "queue") {
    throw invalidParameterValue(`Unrecognized event source: ${arn}. Switchyard maps SQS queues only.`);
  }
  if (target.region !== place.region || target.accountId !== place.account) {
    // What Lambda answers for a queue it cannot read, as the mapping says it for a queue that does not exist.
    throw invalidParameterValue(
      "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. " +
        "SQS Error Message: The specified queue does not exist or you do not have access to it.",
    );
  }
  return target.name;
}
