/** Sends the receipt text its rule's input transformer wrote. */
export async function handler(receipt: string): Promise<void> {
  console.log(`sending: ${receipt}`);
}
