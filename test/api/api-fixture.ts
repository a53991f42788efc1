/** A Switchyard behind the endpoint on a free loopback port, and AWS SDK settings for it. */
import { afterEach } from "vitest";
import { startApiServer } from "../../src/api/api-server.js";
import { createTempDirectory } from "../../src/store/store-fixtures.js";
import { createSwitchyard } from "../../src/switchyard.js";

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";

const running: (() => Promise<void>)[] = [];
const directories: { remove(): void }[] = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
  // Only once every Switchyard on them has closed (its checkpoint thread included).
  for (const directory of directories.splice(0)) directory.remove();
});

/** A data directory for `startEndpoint`, removed at the test's end after the endpoints on it stopped. */
export function temporaryDataDirectory(): string {
  const directory = createTempDirectory();
  directories.push(directory);
  return directory.path;
}

/**
 * Starts the endpoint, on an in-memory store or on the SQLite file of a data directory (a later start on the same
 * directory is a restart); `clientConfig` is what an AWS SDK v3 client needs to talk to it. `stop()` ends it early,
 * as a process exit would; the test's end stops it otherwise.
 */
export async function startEndpoint(options: { readonly dataDirectory?: string } = {}) {
  const switchyard = createSwitchyard({
    dataDirectory: options.dataDirectory ?? ":memory:",
    onDeliveryFailure: () => {},
  });
  const api = await startApiServer({ switchyard, place: { account: ACCOUNT, region: REGION }, port: 0 });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await api.close();
      await switchyard.close();
    })();
    return stopping;
  };
  running.push(stop);
  return {
    switchyard,
    api,
    stop,
    clientConfig: {
      endpoint: api.url,
      region: REGION,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    },
  };
}
