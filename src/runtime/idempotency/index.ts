export type { SwitchyardPersistenceLayerOptions } from "./switchyard-persistence-layer.js";
export { DATA_DIRECTORY_VARIABLE, SwitchyardPersistenceLayer } from "./switchyard-persistence-layer.js";
