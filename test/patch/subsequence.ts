/** True when `inner` can be read out of `outer` by deleting characters (greedy match is exact for this). */
export function isSubsequence(inner: string, outer: string): boolean {
  let i = 0;
  for (let j = 0; j < outer.length && i < inner.length; j++) {
    if (outer[j] === inner[i]) i++;
  }
  return i === inner.length;
}
