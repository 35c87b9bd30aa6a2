package dev.thirty.papers.kolmogorov;

import java.util.ArrayList;
import java.util.List;

/**
 * Average-linkage agglomerative clustering of a distance matrix: repeatedly merge the two clusters
 * whose mean pairwise distance is smallest. The result is the merge tree written as nested
 * parentheses, e.g. {@code ((a, b), (c, d))}, which is what the NCD papers draw as a dendrogram.
 */
public final class Linkage {

    private Linkage() {
    }

    /** The merge tree of {@code names} under {@code distance}; ties go to the first pair found. */
    public static String averageLinkage(double[][] distance, List<String> names) {
        int n = names.size();
        if (distance.length != n) {
            throw new IllegalArgumentException("distance matrix is " + distance.length + " wide for " + n + " names");
        }
        List<List<Integer>> members = new ArrayList<>();
        List<String> trees = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(new ArrayList<>(List.of(i)));
            trees.add(names.get(i));
        }
        while (members.size() > 1) {
            int bestA = 0;
            int bestB = 1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size(); b++) {
                    double d = mean(distance, members.get(a), members.get(b));
                    if (d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            members.get(bestA).addAll(members.remove(bestB));
            trees.set(bestA, "(" + trees.get(bestA) + ", " + trees.remove(bestB) + ")");
        }
        return trees.getFirst();
    }

    private static double mean(double[][] d, List<Integer> a, List<Integer> b) {
        double sum = 0;
        for (int i : a) {
            for (int j : b) {
                sum += d[i][j];
            }
        }
        return sum / (a.size() * b.size());
    }
}
