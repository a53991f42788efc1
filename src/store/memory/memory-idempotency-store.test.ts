import { describeIdempotencyStoreContract } from "../idempotency-store.contract.js";
import { createMemoryIdempotencyStore } from "./memory-idempotency-store.js";

describeIdempotencyStoreContract("memory", async () => ({
  store: createMemoryIdempotencyStore(),
  close: async () => {},
}));
