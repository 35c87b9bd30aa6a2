package dev.thirty.papers.kolmogorov;

import java.util.ArrayList;
import java.util.List;

/**
 * Average-linkage agglomerative clustering of a distance matrix: repeatedly merge the two clusters
 * whose mean pairwise distance is smallest. The merges, in order and with the distance at which
 * each happened, are the dendrogram the NCD papers draw; {@link #newick} writes the tree as nested
 * parentheses, e.g. {@code ((a, b), (c, d))}.
 *
 * @param merges the n−1 merges, in the order they happened
 * @param leaves the items in dendrogram order: every cluster is a contiguous run of it
 */
public record Linkage(List<Merge> merges, int[] leaves) {

    /**
     * One merge: clusters {@code left} and {@code right} joined at mean distance {@code height}.
     * A cluster is named by an item index (0..n−1) or by n + the index of the merge that made it.
     */
    public record Merge(int left, int right, double height) {
    }

    /** The clustering of {@code distance} (n×n, symmetric); ties go to the first pair found. */
    public static Linkage average(double[][] distance) {
        int n = distance.length;
        List<List<Integer>> members = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (distance[i].length != n) {
                throw new IllegalArgumentException("distance row " + i + " has " + distance[i].length
                        + " entries, expected " + n);
            }
            members.add(new ArrayList<>(List.of(i)));
            ids.add(i);
        }
        List<Merge> merges = new ArrayList<>();
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
            merges.add(new Merge(ids.get(bestA), ids.get(bestB), best));
            members.get(bestA).addAll(members.remove(bestB));
            ids.remove(bestB);
            ids.set(bestA, n + merges.size() - 1);
        }
        int[] leaves = n == 0 ? new int[0] : members.getFirst().stream().mapToInt(Integer::intValue).toArray();
        return new Linkage(List.copyOf(merges), leaves);
    }

    /** The merge tree of {@code names} under {@code distance}, as nested parentheses. */
    public static String averageLinkage(double[][] distance, List<String> names) {
        if (distance.length != names.size()) {
            throw new IllegalArgumentException("distance matrix is " + distance.length + " wide for " + names.size()
                    + " names");
        }
        return average(distance).newick(names);
    }

    /** The tree with item i written as {@code names.get(i)}. */
    public String newick(List<String> names) {
        return merges.isEmpty() ? names.getFirst() : write(names.size() + merges.size() - 1, names);
    }

    private String write(int cluster, List<String> names) {
        int n = names.size();
        if (cluster < n) {
            return names.get(cluster);
        }
        Merge m = merges.get(cluster - n);
        return "(" + write(m.left(), names) + ", " + write(m.right(), names) + ")";
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
