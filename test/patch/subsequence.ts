// The rule every insert-only edit is held to: the input reads out of the output.
export { isSubsequence } from '../../src/patch/text-edits.js';
