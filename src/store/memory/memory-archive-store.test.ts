import { describeArchiveStoreContract } from "../archive-store.contract.js";
import { createMemoryArchiveStore } from "./memory-archive-store.js";

describeArchiveStoreContract("memory", async () => ({
  store: createMemoryArchiveStore(),
  close: async () => {},
}));
