import { i18n } from '@/lib/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/**
 * The evaluation page's strings, merged (deep, without overwriting) into the app's `evaluations`
 * keys when the page's code loads, so the page's vocabulary lives beside it.
 */
i18n.addResourceBundle('zh-CN', 'translation', { evaluations: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { evaluations: en }, true, false);
