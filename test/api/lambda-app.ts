/** The app the Lambda API's tests run, in-process, behind the endpoint. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { checkApp, defineApp } from "../../src/core/app/index.js";
import { startEndpoint } from "./api-fixture.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

/** Functions of every kind the tests need, and a queue for event source mappings. */
export const lambdaTestApp = defineApp({
  name: "lambda-api",
  queues: { jobs: {}, other: {}, "failed-records": {} },
  functions: {
    Echo: {
      handler: "lambda-handlers.echo",
      timeoutSeconds: 5,
      memorySizeMb: 256,
      environment: { STAGE: "test" },
    },
    Fail: { handler: "lambda-handlers.fail" },
    Record: {
      handler: "lambda-handlers.record",
      async: { maximumRetryAttempts: 1, onFailure: { queue: "failed-records" } },
    },
    Loud: { handler: "lambda-handlers.loud" },
    Throttled: { handler: "lambda-handlers.echo", reservedConcurrency: 0 },
  },
});

/** The endpoint with the app running in-process, and a Lambda client for it. */
export async function startLambdaEndpoint() {
  const endpoint = await startEndpoint();
  const runtime = await endpoint.switchyard.startApp(checkApp(lambdaTestApp).app, {
    baseDirectory: FIXTURES,
    mode: "in-process",
  });
  return { ...endpoint, runtime, lambda: new LambdaClient(endpoint.clientConfig) };
}
