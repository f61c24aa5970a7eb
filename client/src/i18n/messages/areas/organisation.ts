/** The organisation pages' messages, English first; zh-CN must match it key for key. */
const en = {};

export const organisationMessages: { en: typeof en; 'zh-CN': typeof en } = {
  en,
  'zh-CN': {},
};
