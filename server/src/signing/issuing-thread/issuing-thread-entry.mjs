// The issuing thread's entry point. It is plain JavaScript because a worker thread does
// not inherit the TypeScript loader the service runs under; it loads the tasks through tsx.
import { tsImport } from 'tsx/esm/api';

const tasks = await tsImport('./issuing-tasks.ts', import.meta.url);

export const { prepareCommittee, renderAgreementPdf } = tasks;
