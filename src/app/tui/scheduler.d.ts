// React's scheduler (the package \`scheduler\`, a dependency of react-reconciler, which Ink uses): the
// two names key-stream.ts uses, typed here as the package ships no types.
declare module 'scheduler' {
  export const unstable_IdlePriority: number;
  export const unstable_NormalPriority: number;
  export function unstable_scheduleCallback(priority: number, callback: () => void): unknown;
}
