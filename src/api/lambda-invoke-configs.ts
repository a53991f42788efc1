import type { ResourceRef } from "../core/app/index.js";
import { ResourceNotFoundError } from "../core/errors.js";
import { parseTargetArn } from "../core/events/index.js";
import { resourceArn } from "../runtime/app/apply-app.js";
import type { EventInvokeConfigState } from "../runtime/app/event-invoke-configs.js";
import { type AsyncInvocationSettingsInput, functionArn } from "../runtime/functions/index.js";
import type { RunningFunction, Switchyard } from "../switchyard.js";
import { invalidParameterValue } from "./lambda-errors.js";
import { LATEST_VERSION } from "./lambda-functions.js";
import { optionalMember } from "./lambda-input.js";
import type { ApiPlace } from "./sqs-json.js";

/**
 * Lambda's event invoke config API (Get / Put / Update / Delete / ListFunctionEventInvokeConfigs) over the
 * functions' async invokers. A function's app states its settings; Put and Update change them at once (the
 * invoker follows them from its next decision) and on record, so they outlive a restart unless the app
 * definition changes the function's settings since; Delete returns to the app's settings.
 */
export function createLambdaInvokeConfigs(switchyard: Switchyard, place: ApiPlace) {
  const answer = (running: RunningFunction, state: EventInvokeConfigState) =>
    configuration(place, running.definition.name, state);
  const configs = (running: RunningFunction) => running.runtime.eventInvokeConfigs;
  return {
    get: (running: RunningFunction) => answer(running, configs(running).get(running.definition.name)),

    /** Put replaces every setting: members left out take Lambda's defaults. */
    async put(running: RunningFunction, input: Record<string, unknown>) {
      const settings = settingsOf(switchyard, place, running, input);
      return answer(running, await configs(running).put(running.definition.name, settings));
    },

    /** Update changes the members it states and keeps the others. */
    async update(running: RunningFunction, input: Record<string, unknown>) {
      const name = running.definition.name;
      const current = configs(running).get(name).settings;
      const stated = settingsOf(switchyard, place, running, input);
      const destinations = input.DestinationConfig === undefined || input.DestinationConfig === null;
      const merged: AsyncInvocationSettingsInput = {
        maximumRetryAttempts: stated.maximumRetryAttempts ?? current.maximumRetryAttempts,
        maximumEventAgeSeconds: stated.maximumEventAgeSeconds ?? current.maximumEventAgeSeconds,
        ...(destinations ? pick(current) : pick(stated)),
      };
      return answer(running, await configs(running).put(name, merged));
    },

    async delete(running: RunningFunction) {
      if (!(await configs(running).delete(running.definition.name))) {
        throw new ResourceNotFoundError(
          `The function ${qualifiedArn(place, running.definition.name)} doesn't have an EventInvokeConfig`,
          { functionName: running.definition.name },
        );
      }
    },

    /** One config per function: $LATEST is the only version Switchyard runs. */
    list: (running: RunningFunction) => ({
      FunctionEventInvokeConfigs: [answer(running, configs(running).get(running.definition.name))],
    }),
  };
}

function pick(settings: AsyncInvocationSettingsInput): AsyncInvocationSettingsInput {
  return {
    ...(settings.onSuccess === undefined ? {} : { onSuccess: settings.onSuccess }),
    ...(settings.onFailure === undefined ? {} : { onFailure: settings.onFailure }),
  };
}

/** The settings a Put or Update states: at least one of them, destinations as Lambda accepts them. */
function settingsOf(
  switchyard: Switchyard,
  place: ApiPlace,
  running: RunningFunction,
  input: Record<string, unknown>,
): AsyncInvocationSettingsInput {
  const maximumRetryAttempts = optionalMember(input, "MaximumRetryAttempts", "number");
  const maximumEventAgeSeconds = optionalMember(input, "MaximumEventAgeInSeconds", "number");
  const destinations = optionalMember(input, "DestinationConfig", "object");
  if (
    maximumRetryAttempts === undefined &&
    maximumEventAgeSeconds === undefined &&
    destinations === undefined
  ) {
    throw invalidParameterValue("You must specify at least one of error handling or destination setting.");
  }
  const onSuccessArn = destinationArnOf(destinations, "OnSuccess");
  const onFailureArn = destinationArnOf(destinations, "OnFailure");
  const resolve = (arn: string | undefined) =>
    arn === undefined ? undefined : destinationOf(switchyard, place, running, arn);
  const onSuccess = resolve(onSuccessArn);
  const onFailure = resolve(onFailureArn);
  if (onSuccess === null || onFailure === null) {
    const part = (name: string, arn: string | undefined) =>
      arn === undefined ? "null" : `${name}(destination=${arn})`;
    throw invalidParameterValue(
      `The provided destination config DestinationConfig(onSuccess=${part("OnSuccess", onSuccessArn)}, ` +
        `onFailure=${part("OnFailure", onFailureArn)}) is invalid.`,
    );
  }
  return {
    ...(maximumRetryAttempts === undefined ? {} : { maximumRetryAttempts }),
    ...(maximumEventAgeSeconds === undefined ? {} : { maximumEventAgeSeconds }),
    ...(onSuccess === undefined ? {} : { onSuccess }),
    ...(onFailure === undefined ? {} : { onFailure }),
  };
}

function destinationArnOf(
  destinations: Record<string, unknown> | undefined,
  member: "OnSuccess" | "OnFailure",
): string | undefined {
  const value = destinations && optionalMember(destinations, member, "object");
  return value === undefined ? undefined : optionalMember(value, "Destination", "string");
}

/**
 * The resource a destination ARN names in this account and Region: a queue, a bus or a function (Lambda also
 * takes SNS topics and S3 buckets, which Switchyard does not run: null, refused as an invalid config). A function
 * must exist and not be the function itself, as Lambda checks; a queue or bus that is missing when a record is
 * sent makes that delivery fail, as it would on AWS.
 */
function destinationOf(
  switchyard: Switchyard,
  place: ApiPlace,
  running: RunningFunction,
  arn: string,
): ResourceRef | null {
  const target = parseTargetArn(arn);
  if (target === undefined || target.region !== place.region || target.accountId !== place.account)
    return null;
  if (target.kind !== "function") return { kind: target.kind, name: target.name };
  if (switchyard.findFunction(target.name) === undefined) {
    throw invalidParameterValue(`The destination ARN ${arn} is invalid.`);
  }
  if (target.name === running.definition.name) {
    throw invalidParameterValue("You can't specify the function as a destination for itself.");
  }
  return { kind: "function", name: target.name };
}

/** A config as Lambda answers it (API_FunctionEventInvokeConfig). */
function configuration(
  place: ApiPlace,
  functionName: string,
  state: EventInvokeConfigState,
): Record<string, unknown> {
  const { settings } = state;
  const onSuccess = settings.onSuccess && resourceArn(place, settings.onSuccess);
  const onFailure = settings.onFailure && resourceArn(place, settings.onFailure);
  return {
    LastModified: state.lastModifiedMs / 1000,
    FunctionArn: qualifiedArn(place, functionName),
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    MaximumEventAgeInSeconds: settings.maximumEventAgeSeconds,
    DestinationConfig: {
      OnSuccess: onSuccess === undefined ? {} : { Destination: onSuccess },
      OnFailure: onFailure === undefined ? {} : { Destination: onFailure },
    },
  };
}

function qualifiedArn(place: ApiPlace, functionName: string): string {
  return `${functionArn(place, functionName)}:${LATEST_VERSION}`;
}
