export type * from './api';
export type * from './domain';
export type * from './errors';
export type * from './app';
