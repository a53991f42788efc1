import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  StartReplayCommand,
  UpdateArchiveCommand,
} from "@aws-sdk/client-eventbridge";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION } from "./api-fixture.js";
import { refusal, startEvents } from "./events-fixture.js";

const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
const archiveArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:archive/${name}`;
const order = { Source: "shop.orders", DetailType: "OrderCreated", Detail: '{"total": 150}' };

describe("EventBridge archives and replays over AWS JSON 1.1, with the AWS SDK for JavaScript v3", () => {
  test("CreateArchive answers ENABLED and DescribeArchive counts the events it keeps", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    const created = await eventBridge.send(
      new CreateArchiveCommand({
        ArchiveName: "all-orders",
        EventSourceArn: busArn("orders"),
        Description: "every order",
        RetentionDays: 7,
      }),
    );
    expect(created).toMatchObject({ ArchiveArn: archiveArn("all-orders"), State: "ENABLED" });
    expect(created.CreationTime).toBeInstanceOf(Date);
    await eventBridge.send(new PutEventsCommand({ Entries: [{ ...order, EventBusName: "orders" }] }));
    const described = await eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "all-orders" }));
    expect(described).toMatchObject({
      ArchiveArn: archiveArn("all-orders"),
      ArchiveName: "all-orders",
      EventSourceArn: busArn("orders"),
      Description: "every order",
      State: "ENABLED",
      RetentionDays: 7,
      EventCount: 1,
    });
    expect(described.SizeBytes).toBeGreaterThan(0);
  });

  test("CreateArchive refuses a bus that does not exist, a bad pattern and a name already taken", async () => {
    const { eventBridge } = await startEvents();
    const noBus = await refusal(
      eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("nope") })),
    );
    expect(noBus.name).toBe("ResourceNotFoundException");
    const badPattern = await refusal(
      eventBridge.send(
        new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default"), EventPattern: "{" }),
      ),
    );
    expect(badPattern.name).toBe("InvalidEventPatternException");
    await eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default") }));
    const taken = await refusal(
      eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default") })),
    );
    expect(taken.name).toBe("ResourceAlreadyExistsException");
  });

  test("UpdateArchive changes what it names and keeps the rest", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(
      new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default"), Description: "kept" }),
    );
    const updated = await eventBridge.send(new UpdateArchiveCommand({ ArchiveName: "a", RetentionDays: 30 }));
    expect(updated).toMatchObject({ ArchiveArn: archiveArn("a"), State: "ENABLED" });
    const described = await eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "a" }));
    expect(described).toMatchObject({ Description: "kept", RetentionDays: 30 });
    const missing = await refusal(eventBridge.send(new UpdateArchiveCommand({ ArchiveName: "nope" })));
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  test("ListArchives answers API_Archive's members, filtered by prefix, source and state", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    await eventBridge.send(
      new CreateArchiveCommand({ ArchiveName: "b-orders", EventSourceArn: busArn("orders") }),
    );
    await eventBridge.send(
      new CreateArchiveCommand({ ArchiveName: "a-default", EventSourceArn: busArn("default") }),
    );
    const all = await eventBridge.send(new ListArchivesCommand({}));
    expect(all.Archives?.map((archive) => archive.ArchiveName)).toEqual(["a-default", "b-orders"]);
    expect(Object.keys(all.Archives?.[0] ?? {}).sort()).toEqual([
      "ArchiveName",
      "CreationTime",
      "EventCount",
      "EventSourceArn",
      "RetentionDays",
      "SizeBytes",
      "State",
    ]);
    const bySource = await eventBridge.send(new ListArchivesCommand({ EventSourceArn: busArn("orders") }));
    expect(bySource.Archives?.map((archive) => archive.ArchiveName)).toEqual(["b-orders"]);
    const byPrefix = await eventBridge.send(new ListArchivesCommand({ NamePrefix: "a-" }));
    expect(byPrefix.Archives?.map((archive) => archive.ArchiveName)).toEqual(["a-default"]);
    const disabled = await eventBridge.send(new ListArchivesCommand({ State: "DISABLED" }));
    expect(disabled.Archives).toEqual([]);
  });

  test("DeleteArchive deletes it; deleting it again is ResourceNotFoundException", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default") }));
    await eventBridge.send(new DeleteArchiveCommand({ ArchiveName: "a" }));
    const gone = await refusal(eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "a" })));
    expect(gone.name).toBe("ResourceNotFoundException");
    expect(gone.message).toBe("Archive a does not exist.");
    const again = await refusal(eventBridge.send(new DeleteArchiveCommand({ ArchiveName: "a" })));
    expect(again.name).toBe("ResourceNotFoundException");
  });

  test("StartReplay replays the archive, DescribeReplay and ListReplays show it COMPLETED", async () => {
    const { eventBridge, switchyard } = await startEvents();
    const start = new Date(Date.now() - 60_000);
    await eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default") }));
    await eventBridge.send(new PutEventsCommand({ Entries: [order, order] }));
    const end = new Date();
    const started = await eventBridge.send(
      new StartReplayCommand({
        ReplayName: "again",
        EventSourceArn: archiveArn("a"),
        EventStartTime: start,
        EventEndTime: end,
        Destination: { Arn: busArn("default") },
      }),
    );
    expect(started).toMatchObject({
      ReplayArn: `arn:aws:events:${REGION}:${ACCOUNT}:replay/again`,
      State: "STARTING",
    });
    expect(started.ReplayStartTime).toBeInstanceOf(Date);
    await switchyard.events.replaysIdle();
    const described = await eventBridge.send(new DescribeReplayCommand({ ReplayName: "again" }));
    expect(described).toMatchObject({
      ReplayName: "again",
      State: "COMPLETED",
      EventSourceArn: archiveArn("a"),
      Destination: { Arn: busArn("default") },
    });
    expect(described.EventStartTime?.getTime()).toBe(start.getTime());
    expect(described.EventLastReplayedTime).toBeInstanceOf(Date);
    expect(described.ReplayEndTime).toBeInstanceOf(Date);
    const listed = await eventBridge.send(new ListReplaysCommand({ State: "COMPLETED" }));
    expect(listed.Replays?.map((replay) => [replay.ReplayName, replay.EventSourceArn])).toEqual([
      ["again", archiveArn("a")],
    ]);
    expect(listed.Replays?.[0]).not.toHaveProperty("Destination");
    const running = await eventBridge.send(new ListReplaysCommand({ State: "RUNNING" }));
    expect(running.Replays).toEqual([]);
  });

  test("StartReplay refuses another bus as destination, an end in the future and a missing archive", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    await eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default") }));
    const replay = (overrides: Partial<ConstructorParameters<typeof StartReplayCommand>[0]>) =>
      eventBridge.send(
        new StartReplayCommand({
          ReplayName: "r",
          EventSourceArn: archiveArn("a"),
          EventStartTime: new Date(Date.now() - 60_000),
          EventEndTime: new Date(Date.now() - 1_000),
          Destination: { Arn: busArn("default") },
          ...overrides,
        }),
      );
    const crossBus = await refusal(replay({ Destination: { Arn: busArn("orders") } }));
    expect(crossBus.name).toBe("ValidationException");
    const future = await refusal(replay({ EventEndTime: new Date(Date.now() + 3_600_000) }));
    expect(future.name).toBe("ValidationException");
    const missing = await refusal(replay({ EventSourceArn: archiveArn("nope") }));
    expect(missing.name).toBe("ResourceNotFoundException");
    const absent = await refusal(eventBridge.send(new DescribeReplayCommand({ ReplayName: "r" })));
    expect(absent.name).toBe("ResourceNotFoundException");
  });

  test("CancelReplay of a finished replay is IllegalStatusException; of a missing one ResourceNotFoundException", async () => {
    const { eventBridge, switchyard } = await startEvents();
    await eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: busArn("default") }));
    await eventBridge.send(
      new StartReplayCommand({
        ReplayName: "r",
        EventSourceArn: archiveArn("a"),
        EventStartTime: new Date(Date.now() - 60_000),
        EventEndTime: new Date(Date.now() - 1_000),
        Destination: { Arn: busArn("default") },
      }),
    );
    await switchyard.events.replaysIdle();
    const finished = await refusal(eventBridge.send(new CancelReplayCommand({ ReplayName: "r" })));
    expect(finished.name).toBe("IllegalStatusException");
    const missing = await refusal(eventBridge.send(new CancelReplayCommand({ ReplayName: "nope" })));
    expect(missing.name).toBe("ResourceNotFoundException");
  });
});
