export * from './enums';
export * from './common';
export * from './cases';
export * from './joint-cases';
