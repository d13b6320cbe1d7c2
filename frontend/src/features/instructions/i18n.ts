import { i18n } from '@/lib/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/**
 * Strings of the instruction composer's user picker and receipt filters, merged (deep, without
 * overwriting) into the app's `instructions` keys when the page's code loads.
 */
i18n.addResourceBundle('zh-CN', 'translation', { instructions: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { instructions: en }, true, false);
