import { i18n } from '@/lib/i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** Strings of the map console's click preview, merged (deep, without overwriting) into the app's `map` keys. */
i18n.addResourceBundle('zh-CN', 'translation', { map: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { map: en }, true, false);
