import { describe, expect, test } from "vitest";
import {
  billedDurationMs,
  endLine,
  exitLine,
  initReportLine,
  reportLine,
  startLine,
  timeoutLine,
} from "./invocation-report.js";

const base = {
  requestId: "r-1",
  durationMs: 12.345,
  billedDurationMs: 13,
  memorySizeMb: 128,
  maxMemoryUsedMb: 45,
};

describe("the platform's log lines", () => {
  test("START and END name the request and version", () => {
    expect(startLine("r-1")).toBe("START RequestId: r-1 Version: $LATEST");
    expect(endLine("r-1")).toBe("END RequestId: r-1");
  });

  test("REPORT is tab-separated with two-decimal durations and Lambda's trailing tab", () => {
    expect(reportLine(base)).toBe(
      "REPORT RequestId: r-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\t",
    );
  });

  test("a cold start adds Init Duration; a timeout or a runtime failure adds its status", () => {
    expect(reportLine({ ...base, initDurationMs: 150.111 })).toBe(
      "REPORT RequestId: r-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tInit Duration: 150.11 ms\t",
    );
    expect(reportLine({ ...base, durationMs: 3000, billedDurationMs: 3000, status: "timeout" })).toBe(
      "REPORT RequestId: r-1\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tStatus: timeout",
    );
    expect(reportLine({ ...base, status: "error", errorType: "Runtime.ExitError" })).toMatch(
      /\tMax Memory Used: 45 MB\tStatus: error\tError Type: Runtime\.ExitError$/,
    );
  });

  test("billing rounds up to the millisecond and, on a cold start, includes the init phase", () => {
    expect(billedDurationMs(2.85)).toBe(3);
    expect(billedDurationMs(12)).toBe(12);
    expect(billedDurationMs(600_000, 476.75)).toBe(600_477);
  });

  test("a timeout and an exited runtime are written as Lambda writes them", () => {
    expect(timeoutLine(Date.parse("2026-11-29T16:00:03.000Z"), "r-1", 3000)).toBe(
      "2026-11-29T16:00:03.000Z r-1 Task timed out after 3.00 seconds",
    );
    expect(exitLine("r-1", 129)).toBe(
      "RequestId: r-1 Error: Runtime exited with error: exit status 129\nRuntime.ExitError",
    );
    expect(initReportLine(12.5, "error", "Runtime.ImportModuleError")).toBe(
      "INIT_REPORT Init Duration: 12.50 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError",
    );
  });
});
