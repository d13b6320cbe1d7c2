export * from './enums';
export * from './common';
