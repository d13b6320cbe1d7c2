export * from './enums';
export * from './common';
export * from './cases';
