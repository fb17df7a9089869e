// The test kit's pcscd lives in scripts/lib/ (scripts use it too, and a script never imports test/).
export * from '../../scripts/lib/pcscd.js';
