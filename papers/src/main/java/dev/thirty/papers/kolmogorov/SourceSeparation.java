package dev.thirty.papers.kolmogorov;

import java.util.List;

/**
 * How well a distance matrix separates sources: pairs from the same source against pairs from
 * different sources.
 *
 * @param meanSame      mean distance over same-source pairs
 * @param meanCross     mean distance over cross-source pairs
 * @param sameCloser    over every (same pair, cross pair) combination, the fraction where the same
 *                      pair is strictly closer (ties count half): the AUC of "same source" by distance
 * @param nearestSame   the fraction of items whose nearest other item shares their source
 */
public record SourceSeparation(double meanSame, double meanCross, double sameCloser, double nearestSame) {

    public static SourceSeparation of(double[][] d, List<String> sources) {
        int n = sources.size();
        double sameSum = 0;
        double crossSum = 0;
        int sameCount = 0;
        int crossCount = 0;
        double[] same = new double[n * n];
        double[] cross = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (sources.get(i).equals(sources.get(j))) {
                    sameSum += d[i][j];
                    same[sameCount++] = d[i][j];
                } else {
                    crossSum += d[i][j];
                    cross[crossCount++] = d[i][j];
                }
            }
        }
        if (sameCount == 0 || crossCount == 0) {
            throw new IllegalArgumentException("need at least one same-source and one cross-source pair");
        }
        double wins = 0;
        for (int a = 0; a < sameCount; a++) {
            for (int b = 0; b < crossCount; b++) {
                wins += same[a] < cross[b] ? 1 : same[a] == cross[b] ? 0.5 : 0;
            }
        }
        int nearestHits = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (j != i && (best < 0 || d[i][j] < d[i][best])) {
                    best = j;
                }
            }
            nearestHits += sources.get(i).equals(sources.get(best)) ? 1 : 0;
        }
        return new SourceSeparation(sameSum / sameCount, crossSum / crossCount,
                wins / ((double) sameCount * crossCount), (double) nearestHits / n);
    }
}
