package dev.tcpscope.present.explain;

import java.util.Locale;

/** The languages explanations are written in. */
public enum Lang {
    EN, ZH;

    /** {@code en} or {@code zh} (any case, region ignored: {@code zh_CN}); null for anything else. */
    public static Lang of(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.startsWith("zh")) {
            return ZH;
        }
        if (t.startsWith("en")) {
            return EN;
        }
        return null;
    }

    /** Chinese when the locale's language is Chinese, else English. */
    public static Lang of(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }
}
