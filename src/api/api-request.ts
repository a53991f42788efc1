/** An HTTP request as the protocol handlers see it: headers lower-cased, the body read whole. */
export interface ApiRequest {
  readonly method: string;
  /** The path, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** An HTTP answer. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/** A JSON answer (AWS JSON 1.0 / 1.1 and REST protocols). */
export function jsonResponse(
  status: number,
  body: unknown,
  contentType = "application/x-amz-json-1.0",
): ApiResponse {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(body) };
}
