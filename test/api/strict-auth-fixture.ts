/** A Switchyard behind the endpoint in strict mode (SigV4 required) on a free loopback port, and client settings. */
import { afterEach } from "vitest";
import { type ApiServer, startApiServer } from "../../src/api/api-server.js";
import { createSwitchyard, type Switchyard } from "../../src/switchyard.js";
import { REGION } from "./api-fixture.js";

/** The one access key the strict endpoints accept. */
export const ACCESS_KEY_ID = "AKIASTRICTEXAMPLE";
export const SECRET_ACCESS_KEY = "strict/Secret+Access/Key0123456789EXAMPLE";

const running: { api: ApiServer; switchyard: Switchyard }[] = [];
afterEach(async () => {
  for (const { api, switchyard } of running.splice(0)) {
    await api.close();
    await switchyard.close();
  }
});

/**
 * Starts a strict endpoint (its clock `clock`, default the real one). The client settings sign with the right
 * keys, a wrong secret or an unknown key id; one attempt each, so a refusal is not retried as clock skew.
 */
export async function startStrictEndpoint(clock?: () => number) {
  const switchyard = createSwitchyard({ dataDirectory: ":memory:", onDeliveryFailure: () => {} });
  const api = await startApiServer({
    switchyard,
    place: { account: "000000000000", region: REGION },
    port: 0,
    auth: { credentials: { [ACCESS_KEY_ID]: SECRET_ACCESS_KEY }, ...(clock === undefined ? {} : { clock }) },
  });
  running.push({ api, switchyard });
  const config = (accessKeyId: string, secretAccessKey: string) => ({
    endpoint: api.url,
    region: REGION,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
  return {
    api,
    switchyard,
    signed: config(ACCESS_KEY_ID, SECRET_ACCESS_KEY),
    wrongSecret: config(ACCESS_KEY_ID, "not-the-secret-access-key"),
    unknownKey: config("AKIAUNKNOWNEXAMPLE", SECRET_ACCESS_KEY),
  };
}

/** What a refused SDK call threw: its name, status and message. */
export async function refusal(
  call: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
  }
  throw new Error("the call succeeded but was expected to be refused");
}
