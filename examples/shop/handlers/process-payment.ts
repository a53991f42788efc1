import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import type { Context } from "aws-lambda";
import { SwitchyardPersistenceLayer } from "../../../src/runtime/idempotency/index.js";
import type { InventoryReserved, PaymentProcessed } from "./orders.js";

// On AWS this line builds a DynamoDBPersistenceLayer; nothing else in the handler changes.
const persistenceStore = new SwitchyardPersistenceLayer();

/** Charges an order once, however often its InventoryReserved result is delivered (idempotent by orderId). */
export const handler = makeIdempotent(
  async (reserved: InventoryReserved, _context: Context): Promise<PaymentProcessed> => {
    console.log(`charging ${reserved.amount} for ${reserved.orderId}`);
    return {
      type: "PaymentProcessed",
      orderId: reserved.orderId,
      amount: reserved.amount,
      status: reserved.amount < 5_000 ? "captured" : "declined",
    };
  },
  {
    persistenceStore,
    config: new IdempotencyConfig({ eventKeyJmesPath: "orderId", expiresAfterSeconds: 3_600 }),
  },
);
