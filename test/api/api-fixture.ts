/** A Switchyard on an in-memory store behind the endpoint on a free loopback port, and AWS SDK settings for it. */
import { afterEach } from "vitest";
import { type ApiServer, startApiServer } from "../../src/api/api-server.js";
import { createSwitchyard, type Switchyard } from "../../src/switchyard.js";

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";

const running: { api: ApiServer; switchyard: Switchyard }[] = [];
afterEach(async () => {
  for (const { api, switchyard } of running.splice(0)) {
    await api.close();
    await switchyard.close();
  }
});

/** Starts the endpoint; `clientConfig` is what an AWS SDK v3 client needs to talk to it. */
export async function startEndpoint() {
  const switchyard = createSwitchyard({ dataDirectory: ":memory:", onDeliveryFailure: () => {} });
  const api = await startApiServer({ switchyard, place: { account: ACCOUNT, region: REGION }, port: 0 });
  running.push({ api, switchyard });
  return {
    switchyard,
    api,
    clientConfig: {
      endpoint: api.url,
      region: REGION,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    },
  };
}
