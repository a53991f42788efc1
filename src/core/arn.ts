/** An Amazon Resource Name taken apart: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** Everything after the account, colons included (`function:name:qualifier`, `event-bus/orders`). */
  readonly resource: string;
}

const ARN_PARTITION = /^aws(-[a-z]+)*$/;

/** Splits an ARN into its parts; undefined for text that is not one. */
export function splitArn(arn: string): ArnParts | undefined {
  const [prefix, partition, service, region, accountId, ...rest] = arn.split(":");
  const resource = rest.join(":");
  if (
    prefix !== "arn" ||
    partition === undefined ||
    !ARN_PARTITION.test(partition) ||
    service === undefined ||
    service === "" ||
    region === undefined ||
    accountId === undefined ||
    resource === ""
  ) {
    return undefined;
  }
  return { partition, service, region, accountId, resource };
}
