import type { PaymentProcessed } from "./orders.js";

/** Ships a paid order. */
export async function handler(payment: PaymentProcessed): Promise<void> {
  console.log(`shipping ${payment.orderId}`);
}
