// The test kit's pinpad-reader lives in scripts/lib/ (scripts use it too, and a script never imports test/).
export * from '../../scripts/lib/pinpad-reader.js';
