import { describeFunctionSettingsStoreContract } from "../function-settings-store.contract.js";
import { createMemoryFunctionSettingsStore } from "./memory-function-settings-store.js";

describeFunctionSettingsStoreContract("memory", async () => ({
  store: createMemoryFunctionSettingsStore(),
  close: async () => {},
}));
