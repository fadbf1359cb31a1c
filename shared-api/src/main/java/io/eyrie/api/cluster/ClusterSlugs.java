package io.eyrie.api.cluster;

import java.text.Normalizer;
import java.util.Locale;

/** A cluster's slug, derived from its name: lower case, runs of other characters become one dash, 40 at most. */
public final class ClusterSlugs {
    private ClusterSlugs() {
    }

    /** Empty when the name has no letter or digit to make a slug of. */
    public static String of(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug;
    }
}
