// Shared with the web pages, which show devices the same way.
export { summariseDevice } from '@mediation/shared';
