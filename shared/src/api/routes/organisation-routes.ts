import { defineRoutes } from '../api-route.js';

/** The organisation routes. */
export const organisationRoutes = defineRoutes({});
