// The test kit's report lives in scripts/lib/ (scripts use it too, and a script never imports test/).
export * from '../../scripts/lib/report.js';
