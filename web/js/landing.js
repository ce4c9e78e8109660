// Landing page: the language switch and translated copy. The page reads fine without this script.

import { applyI18n, languageSwitch } from './i18n.js';

document.getElementById('lang-slot').append(languageSwitch());
applyI18n();
