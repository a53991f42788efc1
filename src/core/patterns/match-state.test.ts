import { describe, expect, it } from "vitest";
import { MatchState } from "./match-state.js";

describe("MatchState", () => {
  it("keeps one field inline and lists several in aligned arrays", () => {
    const state = new MatchState<string>();
    const first = state.openTransitions(4);
    expect(state.soleTransitions).toBe(first);
    expect(state.fields).toBeUndefined();

    const second = state.openTransitions(7);
    const third = state.openTransitions(9);
    expect(state.soleTransitions).toBeUndefined();
    expect(state.fields?.fieldIds).toEqual([4, 7, 9]);
    expect(state.fields?.transitions).toEqual([first, second, third]);
    expect(state.openTransitions(7)).toBe(second);
  });

  it("drops a closed field from the map and from both arrays", () => {
    const state = new MatchState<string>();
    const first = state.openTransitions(4);
    state.openTransitions(7);
    const third = state.openTransitions(9);
    state.closeTransitions(7);
    expect(state.transitionsOn(7)).toBeUndefined();
    expect(state.fields?.fieldIds).toEqual([4, 9]);
    expect(state.fields?.transitions).toEqual([first, third]);
    state.closeTransitions(7);
    expect(state.fields?.fieldIds).toEqual([4, 9]);
  });
});
