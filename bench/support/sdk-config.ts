/**
 * What an AWS SDK v3 client needs to talk to a local endpoint as an application would: us-east-1, any
 * credentials, and a keep-alive agent with a socket for every concurrent caller (the SDK's default handler,
 * NodeHttpHandler, built from these options).
 */
import { Agent } from "node:http";

/** SDK client settings for `url`, and the agent they share, which the caller destroys when done. */
export function sdkClientConfig(url: string, maxSockets: number) {
  const httpAgent = new Agent({ keepAlive: true, maxSockets });
  return {
    httpAgent,
    config: {
      endpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
      requestHandler: { httpAgent },
    },
  };
}
