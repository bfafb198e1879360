package io.vfiorig.controller.inventory;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known word a typo was meant to be: Levenshtein distance ≤ 2, or equal up to case and -/_. */
final class DidYouMean {
    static final int MAX_DISTANCE = 2;

    private DidYouMean() {}

    static Optional<String> closest(String input, Collection<String> candidates) {
        String norm = normalize(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(input)) {
                continue;
            }
            // agentIdentity, agent_identity, Agent-Identity: same word, other spelling
            int d = normalize(c).equals(norm) ? 0 : distance(input, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int limit = Math.min(MAX_DISTANCE, Math.max(1, input.length() / 3)); // "ab" is not a typo of "xy"
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Plain Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
