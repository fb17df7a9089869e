// The snapshot as the screens and the app read it, and the facts from outside they show: the
// view's types (src/view/env.ts), here for those that import them from the screens.

export type { AuditView, LastRunNote, ScreenEnv } from '../view/env.js';
