import { i18n } from '@/lib/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/**
 * Strings of the meeting page's agenda (linked cases and joint cases, withheld items) and
 * resolution progress, merged (deep, without overwriting) into the app's `meetings` keys when
 * the page's code loads.
 */
i18n.addResourceBundle('zh-CN', 'translation', { meetings: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { meetings: en }, true, false);
