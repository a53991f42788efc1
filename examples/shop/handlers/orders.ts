/** The shop's order as its events carry it. */
export interface Order {
  readonly orderId: string;
  readonly total: number;
  readonly items?: readonly { readonly sku: string; readonly quantity: number }[];
  readonly customer?: { readonly email?: string; readonly country?: string };
}

/** What ValidateInventory returns: its async destination puts it on the bus for ProcessPayment. */
export interface InventoryReserved {
  readonly type: "InventoryReserved";
  readonly orderId: string;
  readonly amount: number;
}

/** What ProcessPayment returns: its async destination puts it on the bus for fulfilment and receipts. */
export interface PaymentProcessed {
  readonly type: "PaymentProcessed";
  readonly orderId: string;
  readonly amount: number;
  readonly status: "captured" | "declined";
}
