import { defineRoutes } from '../api-route.js';

/** The platform routes. */
export const platformRoutes = defineRoutes({});
