// The test kit's pty lives in scripts/lib/ (scripts use it too, and a script never imports test/).
export * from '../../scripts/lib/pty.js';
