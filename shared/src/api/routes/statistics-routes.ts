import { defineRoutes } from '../api-route.js';

/** The statistics routes. */
export const statisticsRoutes = defineRoutes({});
