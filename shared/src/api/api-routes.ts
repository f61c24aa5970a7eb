/**
 * Every REST route of the service, by area. The server mounts exactly these (one handler
 * per route, checked by the compiler), and /api/openapi.json is generated from them.
 */
export {};
