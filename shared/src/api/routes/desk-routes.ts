import { defineRoutes } from '../api-route.js';

/** The desk routes. */
export const deskRoutes = defineRoutes({});
