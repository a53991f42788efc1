/** Appends every item of a list that may be missing. */
export function pushAll<State>(out: State[], targets: readonly State[] | undefined): void {
  if (targets === undefined) return;
  for (const target of targets) out.push(target);
}

/** Adds an item to, or removes it from, the list a map holds under a key (dropping emptied keys). */
export function edit<K, State>(map: Map<K, State[]>, key: K, target: State, add: boolean): void {
  const list = map.get(key);
  if (add) {
    if (list === undefined) map.set(key, [target]);
    else list.push(target);
    return;
  }
  if (list === undefined) return;
  editList(list, target, false);
  if (list.length === 0) map.delete(key);
}

/** Adds an item to a list, or removes one occurrence of it. */
export function editList<State>(list: State[], target: State, add: boolean): void {
  if (add) {
    list.push(target);
    return;
  }
  const at = list.indexOf(target);
  if (at >= 0) list.splice(at, 1);
}
