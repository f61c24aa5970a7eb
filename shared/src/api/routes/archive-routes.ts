import { defineRoutes } from '../api-route.js';

/** The archive routes. */
export const archiveRoutes = defineRoutes({});
